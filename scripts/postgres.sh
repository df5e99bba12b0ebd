# Sourced by scripts/test.sh: makes sure PostgreSQL answers on 127.0.0.1:5432 and points
# Backstage's TestDatabases at it (trust auth, user postgres).
vc_postgres() {
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    return 0
  fi
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    vc_log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && return 0
    sleep 1
  done
  vc_log "PostgreSQL does not answer on 127.0.0.1:5432; tests need it"
  return 1
}
