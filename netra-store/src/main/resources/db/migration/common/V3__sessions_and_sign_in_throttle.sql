-- Web sessions and the sign-in throttle live in the database, so that every netra node behind a load
-- balancer sees the same ones. A session is found by the SHA-256 of its cookie value: reading this table
-- does not give anyone a session.
CREATE TABLE web_session (
    id_hash     VARCHAR(64)  PRIMARY KEY,
    csrf_token  VARCHAR(64)  NOT NULL,
    username    VARCHAR(64),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX web_session_user ON web_session (username);
CREATE INDEX web_session_seen ON web_session (last_seen);

-- Wrong passwords per key ("user:name" or "ip:address"), and keys paused until a time.
CREATE TABLE sign_in_failure (
    throttle_key VARCHAR(200) NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_failure_key ON sign_in_failure (throttle_key, at);

CREATE TABLE sign_in_lock (
    throttle_key VARCHAR(200) PRIMARY KEY,
    locked_until TIMESTAMP WITH TIME ZONE NOT NULL
);
