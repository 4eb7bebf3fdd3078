package org.netra.app.config;

/**
 * Every setting of the server: its key in the config file, its environment variable, its default and
 * what it means. docs/web.md lists the same table.
 */
public enum Setting {
    PORT("port", "NETRA_PORT", "8080", "TCP port of the web app (0 picks a free one)"),
    HOST("host", "NETRA_HOST", "0.0.0.0", "address to listen on (127.0.0.1 for this machine only)"),
    DB_URL("db.url", "NETRA_DB_URL", "", "JDBC URL; empty means the embedded H2 database in the data folder"),
    DB_USER("db.user", "NETRA_DB_USER", "", "database user"),
    DB_PASSWORD("db.password", "NETRA_DB_PASSWORD", "", "database password"),
    DATA("data", "NETRA_DATA", "netra-data", "data folder (the embedded database lives here)"),
    SECURE_COOKIES(
            "cookies.secure",
            "NETRA_SECURE_COOKIES",
            "false",
            "mark the session cookie Secure and send HSTS: set true when served over https"),
    LOGIN_MAX_FAILURES(
            "login.max-failures", "NETRA_LOGIN_MAX_FAILURES", "5", "wrong passwords per user name or address..."),
    LOGIN_WINDOW("login.window", "NETRA_LOGIN_WINDOW", "PT15M", "...within this time (ISO-8601) throttle sign-in..."),
    LOGIN_LOCKOUT("login.lockout", "NETRA_LOGIN_LOCKOUT", "PT15M", "...for this long after the last failure"),
    SESSION_IDLE("session.idle", "NETRA_SESSION_IDLE", "PT30M", "a session ends after this long without a request"),
    SESSION_MAXIMUM("session.maximum", "NETRA_SESSION_MAXIMUM", "PT12H", "and at the latest this long after sign-in"),
    TRUSTED_PROXIES(
            "proxies.trusted",
            "NETRA_TRUSTED_PROXIES",
            "",
            "IP addresses of reverse proxies (comma-separated) whose X-Forwarded-For names the client"),
    UPLOAD_MAX("upload.max-mib", "NETRA_UPLOAD_MAX_MIB", "1024", "largest dosimetry upload (zip) in MiB"),
    UPLOAD_UNPACKED_MAX(
            "upload.unpacked-max-mib", "NETRA_UPLOAD_UNPACKED_MAX_MIB", "2048", "what one upload may unpack to, MiB"),
    UPLOAD_QUOTA("upload.quota-mib", "NETRA_UPLOAD_QUOTA_MIB", "4096", "job folders per user, MiB"),
    UPLOAD_EXPIRY("upload.expiry", "NETRA_UPLOAD_EXPIRY", "PT24H", "job folders are deleted after this long"),
    JOB_LEASE(
            "jobs.lease",
            "NETRA_JOB_LEASE",
            "PT30S",
            "a running job whose node stopped is taken over by another node after this long (ISO-8601)"),
    PACS_URL(
            "pacs.url",
            "NETRA_PACS_URL",
            "",
            "DICOMweb root of the PACS (e.g. http://pacs:8042/dicom-web) for pull and push from the web; empty: none");

    private final String key;
    private final String variable;
    private final String defaultValue;
    private final String meaning;

    Setting(String key, String variable, String defaultValue, String meaning) {
        this.key = key;
        this.variable = variable;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    public String key() {
        return key;
    }

    public String variable() {
        return variable;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String meaning() {
        return meaning;
    }
}
