-- Logins (OWASP API2): accounts an admin can disable, failed logins counted for throttling, and API tokens for
-- scripts. None of these tables holds evidence, so none moves the data version.

-- A disabled account cannot log in, and its tokens stop working; when and by whom it was disabled.
alter table account add column disabled_at timestamptz,
                    add column disabled_by text;

-- One row per failed login within the throttle's window (older rows are pruned as new ones come). Kept in
-- PostgreSQL so every service instance on the database counts the same failures. username: as given, when it could
-- name an account (known or not, so that a throttle never tells which accounts exist); address: the client's
-- address (an IPv6 client's /64).
create table login_failure (
  username  text check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  address   text not null,
  failed_at timestamptz not null default clock_timestamp()
);
create index login_failure_username_idx on login_failure (username, failed_at);
create index login_failure_address_idx on login_failure (address, failed_at);
create index login_failure_time_idx on login_failure (failed_at);

-- API tokens: an alternative to HTTP Basic for scripts. Only the SHA-256 of a token is stored (a token is 256 random
-- bits, so a fast hash is enough); the token itself is shown once, when it is made. A token acts for its owner, with
-- a role no higher than the owner's.
create table api_token (
  id           bigint generated always as identity primary key,
  username     text not null references account (username),
  name         text not null check (length(name) between 1 and 100),
  role         text not null check (role in ('editor', 'admin')),
  token_sha256 bytea not null unique check (length(token_sha256) = 32),
  created_at   timestamptz not null default now(),
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  revoked_by   text
);
create index api_token_username_idx on api_token (username, id);
