-- engram's PostgreSQL role and database. Run as the postgres superuser:
--   sudo -u postgres psql -v db=engram -v user=engram -v password='…' -f deploy/postgres/setup.sql
-- The role owns the database and nothing else; Flyway creates the tables at the first start.
\set ON_ERROR_STOP on
CREATE ROLE :"user" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"db" OWNER :"user" ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"user";
-- In PostgreSQL 15 schema public belongs to pg_database_owner, i.e. this role, so Flyway can create tables there.
