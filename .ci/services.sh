# Real servers the tests talk to, on loopback only. Sourced by .ci/run; usable by hand:
#   source .ci/services.sh && start_services
# Each exports the variable its tests read; a test that finds it unset skips locally and fails in CI.

start_postgres() {
    local version cluster_dir port=55432
    version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$version" ]] || { echo "PostgreSQL is not installed"; return 1; }
    local bin="/usr/lib/postgresql/$version/bin"
    cluster_dir="${NETRA_PG_DIR:-/tmp/netra-pg}"
    if ! su postgres -s /bin/sh -c "$bin/pg_ctl -D $cluster_dir status" >/dev/null 2>&1; then
        rm -rf "$cluster_dir"
        mkdir -p "$cluster_dir"
        chown postgres "$cluster_dir"
        su postgres -s /bin/sh -c "$bin/initdb -D $cluster_dir -A trust -U postgres" >/dev/null
        su postgres -s /bin/sh -c "$bin/pg_ctl -D $cluster_dir -o '-p $port -k /tmp -c listen_addresses=127.0.0.1' -l $cluster_dir/log -w start" >/dev/null
    fi
    psql -h 127.0.0.1 -p "$port" -U postgres -tc "select 1 from pg_database where datname='netra_test'" | grep -q 1 ||
        psql -h 127.0.0.1 -p "$port" -U postgres -qc "create database netra_test"
    export NETRA_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/netra_test?user=postgres"
    echo "PostgreSQL $version on 127.0.0.1:$port ($NETRA_TEST_PG_URL)"
}

start_services() {
    start_postgres
}
