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

start_orthanc() {
    # A PACS with DICOMweb on loopback (HTTP 58042; its DICOM listener off), own config and storage.
    local port=58042 dir="${NETRA_ORTHANC_DIR:-/tmp/netra-orthanc}" plugin
    command -v Orthanc >/dev/null || { echo "Orthanc is not installed"; return 1; }
    plugin="$(ls /usr/share/orthanc/plugins/libOrthancDicomWeb.so /usr/lib/orthanc/libOrthancDicomWeb.so* 2>/dev/null | head -n 1)"
    [[ -n "$plugin" ]] || { echo "the Orthanc DICOMweb plugin (orthanc-dicomweb) is not installed"; return 1; }
    export NETRA_TEST_ORTHANC_URL="http://127.0.0.1:$port/dicom-web"
    if curl -sf "http://127.0.0.1:$port/system" >/dev/null 2>&1; then
        echo "Orthanc already running on 127.0.0.1:$port ($NETRA_TEST_ORTHANC_URL)"
        return 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir/storage"
    cat >"$dir/orthanc.json" <<JSON
{
  "Name": "netra-test",
  "StorageDirectory": "$dir/storage",
  "IndexDirectory": "$dir/storage",
  "HttpPort": $port,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false,
  "DicomServerEnabled": false,
  "DicomPort": 58104,
  "StorageCompression": false,
  "Plugins": ["$plugin"],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "StudiesMetadata": "Full", "SeriesMetadata": "Full" }
}
JSON
    nohup Orthanc "$dir/orthanc.json" >"$dir/log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 60); do
        curl -sf "http://127.0.0.1:$port/dicom-web/studies" >/dev/null 2>&1 && break
        sleep 0.5
    done
    curl -sf "http://127.0.0.1:$port/dicom-web/studies" >/dev/null ||
        { echo "Orthanc did not start; its log:"; tail -n 20 "$dir/log"; return 1; }
    echo "Orthanc $(Orthanc --version | head -n 1 | cut -d' ' -f2) on 127.0.0.1:$port ($NETRA_TEST_ORTHANC_URL)"
}

start_services() {
    start_postgres
    start_orthanc
}
