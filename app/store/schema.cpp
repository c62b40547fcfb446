#include "store/schema.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <string>

#include "store/statement.h"

namespace fyr::app::schema {

namespace {

// Shipped migrations, in order. Times are Unix milliseconds (UTC).
constexpr const char* kMigrations[] = {
    // 1: identity, access and configuration.
    R"sql(
CREATE TABLE roles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  builtin INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL);
CREATE TABLE role_permissions (
  role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  permission TEXT NOT NULL,
  PRIMARY KEY (role_id, permission));
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role_id INTEGER NOT NULL REFERENCES roles(id),
  password_hash TEXT NOT NULL,
  clearance INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until_ms INTEGER,
  created_ms INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0);
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role_id INTEGER NOT NULL REFERENCES roles(id),
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER,
  revoked_ms INTEGER);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_ms INTEGER NOT NULL);
CREATE TABLE models (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  sha256 TEXT,
  bytes INTEGER NOT NULL DEFAULT 0,
  imported_ms INTEGER NOT NULL);
CREATE TABLE endpoints (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  url TEXT,
  price_in_per_mtok REAL,
  price_out_per_mtok REAL,
  created_ms INTEGER NOT NULL);
)sql",
    // 2: conversations, requests, security, audit, plans and metrics.
    R"sql(
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
  title TEXT NOT NULL DEFAULT '',
  model_id INTEGER REFERENCES models(id) ON DELETE SET NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL);
CREATE INDEX conversations_by_user ON conversations(user_id, updated_ms);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  content BLOB NOT NULL,
  created_ms INTEGER NOT NULL);
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  api_key_id INTEGER REFERENCES api_keys(id) ON DELETE SET NULL,
  model TEXT NOT NULL,
  endpoint TEXT,
  started_ms INTEGER NOT NULL,
  queue_ms REAL, ttft_ms REAL, tpot_ms REAL, e2e_ms REAL,
  prompt_tokens INTEGER NOT NULL DEFAULT 0,
  gen_tokens INTEGER NOT NULL DEFAULT 0,
  finish_reason TEXT,
  gpu_seconds REAL, joules REAL, cost REAL,
  payload BLOB);
CREATE INDEX requests_by_time ON requests(started_ms);
CREATE TABLE security_events (
  id INTEGER PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  request_id INTEGER REFERENCES requests(id) ON DELETE SET NULL,
  details TEXT NOT NULL DEFAULT '');
CREATE INDEX security_events_by_time ON security_events(time_ms);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hmac TEXT NOT NULL);
CREATE TABLE deployment_plans (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  spec TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL);
CREATE TABLE metric_series (
  name TEXT NOT NULL,
  labels TEXT NOT NULL DEFAULT '',
  resolution_s INTEGER NOT NULL,
  time_s INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (name, labels, resolution_s, time_s)) WITHOUT ROWID;
)sql",
    // 3: the data key, wrapped once per secret that may unlock it.
    R"sql(
CREATE TABLE key_wraps (
  key_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  salt BLOB NOT NULL,
  n INTEGER NOT NULL, r INTEGER NOT NULL, p INTEGER NOT NULL,
  nonce BLOB NOT NULL,
  wrapped BLOB NOT NULL,
  tag BLOB NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (key_id, kind));
)sql",
    // 4: quotas per user and per API key.
    R"sql(
CREATE TABLE quotas (
  subject TEXT PRIMARY KEY,
  tokens_per_day INTEGER,
  requests_per_minute INTEGER,
  updated_ms INTEGER NOT NULL);
CREATE INDEX requests_by_user_time ON requests(user_id, started_ms);
CREATE INDEX requests_by_key_time ON requests(api_key_id, started_ms);
)sql",
    // 5: which models a role may load and chat with (none listed: all).
    R"sql(
CREATE TABLE role_models (
  role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  pattern TEXT NOT NULL,
  PRIMARY KEY (role_id, pattern));
)sql",
    // 6: what each request cost, in parts (gpu_seconds, joules and cost are from 2);
    // cost_basis says how it was priced, or 'not configured' with cost NULL.
    R"sql(
ALTER TABLE requests ADD COLUMN cost_hardware REAL;
ALTER TABLE requests ADD COLUMN cost_energy REAL;
ALTER TABLE requests ADD COLUMN cost_basis TEXT;
ALTER TABLE requests ADD COLUMN cost_currency TEXT;
)sql",
    // 7: alerts, kept across restarts: as opened, the highest severity reached,
    // who acknowledged them and when they resolved. run_id and alert_id name the
    // console run and its alert manager's alert (whose ids start again each run);
    // details is the alert as JSON with escalations and notes.
    R"sql(
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  alert_id INTEGER NOT NULL,
  rule TEXT NOT NULL,
  series TEXT NOT NULL DEFAULT '',
  labels TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL,
  last_severity TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  runbook TEXT NOT NULL DEFAULT '',
  opened_ms INTEGER NOT NULL,
  acknowledged_ms INTEGER,
  acknowledged_by TEXT,
  resolved_ms INTEGER,
  details TEXT NOT NULL DEFAULT '{}',
  UNIQUE (run_id, alert_id));
CREATE INDEX alerts_open ON alerts(opened_ms) WHERE resolved_ms IS NULL;
CREATE INDEX alerts_latest ON alerts(opened_ms, id);
)sql",
    // 8: the guards' time on each request (the input check and the output checks
    // together, milliseconds); NULL where no guard ran or before it was kept.
    R"sql(
ALTER TABLE requests ADD COLUMN guard_ms REAL;
)sql",
    // 9: the most KV-cache memory each request held at once, bytes (the blocks it
    // referenced, a shared prefix's included; what VRAM is on a GPU backend), so
    // memory can be attributed per request, model and user like time and energy.
    // NULL where the engine did not run it or before it was kept.
    R"sql(
ALTER TABLE requests ADD COLUMN kv_peak_bytes INTEGER;
)sql",
};

constexpr int kLatest = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

}  // namespace

int latestVersion() {
    return kLatest;
}

int currentVersion(sqlite3* db, QString* error) {
    Statement st(db, "PRAGMA user_version");
    if (!st.next()) {
        if (error) *error = st.error();
        return -1;
    }
    return static_cast<int>(st.integer(0));
}

QString migrate(sqlite3* db, int target) {
    QString error;
    const int from = currentVersion(db, &error);
    if (from < 0) return error;
    for (int v = from + 1; v <= target && v <= kLatest; ++v) {
        const std::string sql = std::string("BEGIN IMMEDIATE;") + kMigrations[v - 1] +
                                "PRAGMA user_version = " + std::to_string(v) + ";COMMIT;";
        if (const QString e = execSql(db, sql.c_str()); !e.isEmpty()) {
            execSql(db, "ROLLBACK");
            return QCoreApplication::translate("fyr::app::Store", "migrating the database to version %1 failed: %2")
                .arg(v)
                .arg(e);
        }
    }
    return {};
}

}  // namespace fyr::app::schema
