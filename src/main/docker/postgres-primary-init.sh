#!/bin/sh
# Runs once, when the scaled profile's primary is first created (after postgres-init.sh): a replica may stream from it,
# logging in as the superuser with its password over the compose network.
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
