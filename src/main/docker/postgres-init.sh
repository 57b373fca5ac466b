#!/bin/sh
# Runs once, when the compose database is first created: Casefile logs in as an ordinary role, never a superuser,
# because PostgreSQL's row-level security (which hides restricted data from the public) does not bind superusers.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
create role casefile login password '${CASEFILE_DB_PASSWORD}' nosuperuser nobypassrls nocreaterole;
create database casefile owner casefile;
SQL
# The extensions the migrations use, in the public schema (AppDatabase.SUPERUSER_SETUP).
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname casefile <<SQL
create extension if not exists pg_trgm;
create extension if not exists unaccent;
SQL
