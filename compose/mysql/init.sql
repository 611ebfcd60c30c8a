-- MariaDB init file template: accounts and databases of the lakehouse.
-- Rendered by the platform (dollar-brace UPPER_SNAKE_CASE placeholders), then passed to the server
-- with --init-file. The server runs it at EVERY start, before accepting connections, so every
-- statement is idempotent. One would expect a failing statement to abort
-- startup... it does NOT: MariaDB 11.4 logs "ERROR: <code> <message>", skips the rest of the file
-- and starts serving anyway. my.cnf therefore starts the server read_only and the LAST statement
-- below turns read_only off: readiness = a login as lakehouse over TCP answering
-- SELECT @@global.read_only with 0. Anything else means this file failed (see the server log).
-- The rendered copy holds passwords: keep it private (mode 600). Passwords must not contain
-- a single quote or a backslash.
-- Format of --init-file: plain SQL statements ending in ";" (they may span lines; -- comments are
-- fine); no DELIMITER, no client commands.

-- root: password login over TCP from the local host and over the unix socket; nothing else.
ALTER USER 'root'@'localhost' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD}';
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD}';
ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD}';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
DROP USER IF EXISTS 'root'@'::1';
EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS ''root''@''', @@hostname, '''');
-- anonymous accounts (they shadow named ones: a CDC login from localhost would match ''@localhost)
DROP USER IF EXISTS ''@'localhost';
EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS ''''@''', @@hostname, '''');

-- Hive Metastore backing database (schema created by Hive's schematool)
CREATE DATABASE IF NOT EXISTS metastore CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'hive'@'%' IDENTIFIED BY '${METASTORE_DB_PASSWORD}';
ALTER USER 'hive'@'%' IDENTIFIED BY '${METASTORE_DB_PASSWORD}';
GRANT ALL PRIVILEGES ON metastore.* TO 'hive'@'%';

-- application database, also read by change data capture
CREATE DATABASE IF NOT EXISTS shop CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'lakehouse'@'%' IDENTIFIED BY '${MYSQL_PASSWORD}';
ALTER USER 'lakehouse'@'%' IDENTIFIED BY '${MYSQL_PASSWORD}';
GRANT ALL PRIVILEGES ON shop.* TO 'lakehouse'@'%';
-- CDC (Debezium MySQL/MariaDB connectors, binlog readers). MariaDB 11 names: REPLICATION SLAVE
-- (= REPLICATION REPLICA) to read the binlog, BINLOG MONITOR (what REPLICATION CLIENT became in
-- 10.5) for SHOW BINLOG STATUS / SHOW BINARY LOGS, SLAVE MONITOR for replica status; SELECT,
-- RELOAD, SHOW DATABASES and LOCK TABLES for the initial snapshot.
GRANT SELECT, RELOAD, SHOW DATABASES, LOCK TABLES, REPLICATION SLAVE, BINLOG MONITOR, SLAVE MONITOR ON *.* TO 'lakehouse'@'%';

-- The CDC login of the Kafka Connect worker (Debezium's MariaDB connector, database.user=cdc): the grants
-- Debezium documents (SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT) under their
-- MariaDB 11 names, LOCK TABLES for the snapshot's fallback to table locks. SELECT only on the captured database:
-- the snapshot lists the tables of the others and skips those it may not read.
CREATE USER IF NOT EXISTS 'cdc'@'%' IDENTIFIED BY '${CDC_DB_PASSWORD}';
ALTER USER 'cdc'@'%' IDENTIFIED BY '${CDC_DB_PASSWORD}';
GRANT RELOAD, SHOW DATABASES, LOCK TABLES, REPLICATION SLAVE, BINLOG MONITOR, SLAVE MONITOR ON *.* TO 'cdc'@'%';
GRANT SELECT ON shop.* TO 'cdc'@'%';

-- must stay LAST: marks this file as fully applied (see the header)
SET GLOBAL read_only = OFF;
