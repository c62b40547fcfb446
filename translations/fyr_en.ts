<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>AppConfig</name>
    <message>
        <source>%1:%2:%3: invalid JSON: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:1:1: expected a JSON object at the top level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BuildReport</name>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>commit:   %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>build:    %1, %2, Qt %3
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backends: %1 (CUDA %2, Vulkan %3)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cpu:      %1 (%2 cores, %3 threads)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>features: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>          all: %1
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Logging</name>
    <message>
        <source>%1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--log-level: &apos;%1&apos; is not a level (expected debug, info, warning or critical)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::Alerts</name>
    <message>
        <source>The session is locked; sign in again to acknowledge alerts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert %1 is no longer open; it resolved meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alert was acknowledged, but the audit log could not record it: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::ApiServer</name>
    <message>
        <source>there is nothing at %1 for this method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not listen on %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key: send the header Authorization: Bearer &lt;key&gt; (fyrctl keys create makes one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Authorization header is not of the form Bearer &lt;key&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid API key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this server keeps no metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model: &apos;%1&apos; is not loaded; this server answers with &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages: expected a message with the role user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages[%1].content: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::AuditLog</name>
    <message>
        <source>%1: cannot write the audit head: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 is missing (deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 does not follow entry %2 (entries inserted, reordered or the one before changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 has been edited (its HMAC does not match)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the head checkpoint is missing, so truncation cannot be ruled out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the log was truncated: entries %1 to %2 are gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 differs from the head checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the head checkpoint %1 cannot be trusted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, line %2: not a JSON object (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, line %2: the head cannot be trusted: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a head checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its signature does not match (altered, or another key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its sequence number is not a number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::Backup</name>
    <message>
        <source>a backup needs a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read the database: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the copy failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system&apos;s random number generator failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deriving the key from the passphrase failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encryption failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the backup has schema version %2, newer than this Fyr understands (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: wrong passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the backup is damaged or has been altered (authentication failed); nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the database inside the backup fails its integrity check; nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot keep the current database as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot restore: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot restore (is Fyr still running?): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retention must keep at least one backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Fyr backup (no FYRBAK header)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup format version %1 is not supported by this Fyr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header length is %1, expected %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key derivation settings in the header are out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file has %1 bytes but its header says %2: it is truncated or damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of memory while copying the database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::Catalog</name>
    <message>
        <source>a non-empty string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an http or https address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an ISO 8601 date (YYYY-MM-DD, or YYYY-MM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number above 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number from 1 up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a three-letter ISO 4217 currency code such as USD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of on-demand, capacity-block, spot, reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a catalog file (expected %2, %3 or %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not valid JSON at byte %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected a JSON object at the top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: format: expected &quot;%2&quot;, got %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: version: expected 1, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: rows: expected a list of rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected an object, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2: missing (expected %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2: expected %3, got %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2: not a field of this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.currency: missing (a price needs its currency)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.id: &quot;%2&quot; appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::CatalogOverrides</name>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not valid JSON at byte %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected a JSON object with a list of rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not change the price catalog: permission %2 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not changed: the folder %2 cannot be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not changed: %2 is being changed by another program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not changed: the site&apos;s file is not a catalog file (%2); correct it or move it away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a built-in row: it cannot be removed, only replaced by a site row of the same id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the site&apos;s catalog has no row with this id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not changed: the site&apos;s file would be broken:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not changed: %2 cannot be written: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was changed but the audit entry failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::ChatCompletionRequest</name>
    <message>
        <source>the request body has %1 bytes; at most %2 are accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request body is not JSON: %1 at byte %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request body: expected a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model: required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model: expected a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages: required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages: expected a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages: expected at least one message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages: %1 messages; at most %2 are accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.role: required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.role: expected a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.role: expected system, user or assistant, not &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.content: required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.content: expected a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected a whole number from 1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>temperature: expected a number from 0 to 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top_p: expected a number from 0 to 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed: expected a whole number from 0 to 2^53</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop: %1 strings; at most %2 are accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop[%1]: expected a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop: expected a string or a list of strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop: expected strings that are not empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stream: expected true or false</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::Conversations</name>
    <message>
        <source>encrypting the message failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no user with id %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::CostModel</name>
    <message>
        <source>the on-prem cost is not configured: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the energy was not measured and no nominal watts are configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the endpoint has no price per million tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hardware price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>months of life</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>price per kWh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PUE (at least 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected a number of 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stored on-prem pricing is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::CostReport</name>
    <message>
        <source>the range ends before it starts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::EngineStatus</name>
    <message>
        <source>Engine: idle, no model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: ready, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: generating with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::EngineWorker</name>
    <message>
        <source>No model is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt has %1 tokens but the context holds %2, with room needed for the answer. Clear the conversation or load the model with a larger context.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model cannot take this request: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Try again in %n second(s).</source>
        <translation>
            <numerusform>Try again in %n second.</numerusform>
            <numerusform>Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fyr::app::Housekeeping</name>
    <message>
        <source>The backup %1 was made but could not be recorded in the audit log: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scheduled backup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old conversations could not be deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old conversations were deleted but the audit log could not record it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scheduled backups are off (backup.interval_hours is 0)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::Identity</name>
    <message>
        <source>the first administrator exists already; sign in as an administrator to add users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a role needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the role %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a user needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the password is too short (at least 8 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no role %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hashing the password failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the user %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the account %1 is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the account %1 is locked after repeated failed sign-ins until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong password; the account %1 is now locked until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no user with id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a key with the role %1 would have rights its user (role %2) does not have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system&apos;s random number generator failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this API key was revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this API key expired on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no active API key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the last enabled admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a built-in role; create a custom role instead</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::Installation</name>
    <message>
        <source>the data passphrase is too short (at least 12 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already an installation; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was left half set up: it has a data key but no administrator, and this passphrase does not open the key (%2). Enter the data passphrase that set-up was started with, or move the file away to start afresh; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::InstallationSettings</name>
    <message>
        <source>Minutes without a key press or click before the console locks and asks for the password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete conversations (and their messages) not updated for this many days; 0: keep them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While the console runs, make an encrypted backup (with the data passphrase) into the installation&apos;s backups folder every this many hours; 0: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many of the newest scheduled backups to keep; older ones are deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send each request&apos;s trace to the site&apos;s OpenTelemetry collector (OTLP/HTTP JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The collector&apos;s OTLP/HTTP traces URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file of &quot;Name: value&quot; lines sent as request headers to the collector (its credentials); read when the exporter starts, never logged; empty: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every alert change to the system log (facility daemon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POST every alert change as JSON to this URL (on this machine unless remote hosts are allowed); empty: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow the alert webhook to be on another host of the site, not only on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected %2, got &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an http:// or https:// URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an http:// or https:// URL with a host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected a URL without a user name or password in it, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most 4096 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stored value cannot be used, the default is in force: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no setting &quot;%1&quot; (fyrctl settings list shows them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not change settings: permission %2 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not changed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was changed but the audit entry failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::KeyRing</name>
    <message>
        <source>the secret is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system&apos;s random number generator failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data key exists already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong passphrase or key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data key yet: the store was never initialized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an encrypted value (too short or unknown format)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the encrypted value has been altered or belongs elsewhere (authentication failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deriving a key from the secret failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrapping the data key failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this secret opens only older data keys (key %1 is newer): use the secret the key was rotated with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another rotation happened meanwhile; unlock again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted under data key %1, which is not unlocked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::KeyRotation</name>
    <message>
        <source>%1 row %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::ModelAccess</name>
    <message>
        <source>a model pattern needs 1 to 256 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no role %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the role %1 has no model pattern %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the role %1 lacks the permission models.use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the role %1 may not use %2 (allowed: %3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::PromptBuilder</name>
    <message>
        <source>There is nothing to answer: the conversation is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s chat template failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to answer: the conversation has no user message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt has no tokens.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::Quotas</name>
    <message>
        <source>a quota cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the database to check quotas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the daily token quota of %1 is used up (%2 of %3 tokens today, this request needs about %4); it resets at %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may make %2 requests per minute and has made %3; the next is allowed at %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::RequestWindow</name>
    <message>
        <source>the window ends before it starts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::Sessions</name>
    <message>
        <source>not signed in (unknown or closed session)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session timed out after %1 minutes without activity; sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session is older than %1 hours; sign in again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::Store</name>
    <message>
        <source>migrating the database to version %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot create the folder %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot open the database: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the database is locked by another program (is another Fyr running?): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read the database: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged (%2). %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read the schema version: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has schema version %2, newer than this Fyr understands (%3): open it with a newer Fyr. %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fyr has not changed the file. Restore a backup (fyrctl backup list, then fyrctl backup restore FILE), or move the file away to start with an empty database.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::TelemetryOutputs</name>
    <message>
        <source>trace export: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alerts to syslog: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alert webhook: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: larger than %2 bytes; expected a few header lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2: expected &quot;Name: value&quot; with a header name of letters, digits and -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2: header %3 has no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2: header %3&apos;s value holds a control character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2: more than %3 headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trace export: on, to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trace export stays off (telemetry.otlp): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trace export: off (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alerts to syslog: on (facility daemon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alert webhook: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the alert webhook stays off (alerts.webhook.url): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alert webhook: off (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::guard::Classifier</name>
    <message>
        <source>%1: cannot read the guard classifier: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the guard classifier is larger than 64 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON at byte %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Fyr guard classifier (&quot;format&quot; is not &quot;fyr-guard-classifier&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this Fyr reads classifier version 1, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;bias&quot; must be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights.%1 must be a finite number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::guard::Corpus</name>
    <message>
        <source>%1: cannot read the corpus: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the corpus is larger than 256 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON at column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;text&quot; must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;text&quot; must hold 1 to %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;label&quot; must be &quot;attack&quot; or &quot;benign&quot;, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the corpus holds no prompts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::guard::Guard</name>
    <message>
        <source>normalization: %1 invisible character(s), %2 mixed-script word(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 eight-word sequence(s) of the system prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host %1 is not on the allow list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cites %1 (level %2, caller&apos;s clearance %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flagged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redacted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked by the guard: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::guard::GuardPolicy</name>
    <message>
        <source>%1: cannot read the guard policy: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the guard policy is larger than 16 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this Fyr reads guard policy version 1, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected 0 &lt; flag &lt;= block &lt; 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected one character or U+XXXX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected one character mapped to one letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &quot;U+XXXX&quot; or &quot;U+XXXX..U+YYYY&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown detector &quot;%1&quot; (known: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object with &quot;input&quot; and &quot;output&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &quot;default&quot; role policy is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an array of rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a rule needs an &quot;id&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a rule needs a &quot;pattern&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid regular expression at offset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object of category: verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected allow, flag, redact or block, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object with a &quot;template&quot; string</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::AmdSysfsProbe</name>
    <message>
        <source>AMD GPU (card%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no AMD GPU: no %1/card*/device/gpu_busy_percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is not a percentage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::MetricsRegistry</name>
    <message>
        <source>&apos;%1&apos; is not a valid metric name: it must match [a-zA-Z_:][a-zA-Z0-9_:]*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a counter&apos;s name must end in _total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the help text is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a valid label name: it must match [a-zA-Z_][a-zA-Z0-9_]* and not begin with __</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the label &apos;%2&apos; is named twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a histogram cannot have a label named le</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: bucket bounds must be finite and strictly increasing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the name %2 is already registered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::NvmlProbe</name>
    <message>
        <source>%1 not found: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: function %2 missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2 (NVML error %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVIDIA GPU %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::PowercapEnergy</name>
    <message>
        <source>CPU energy: no powercap interface (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU energy: %1/intel-rapl:*/energy_uj is readable by root only (grant read access to measure the engine&apos;s energy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU energy: no RAPL package zones under %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::ProbeFile</name>
    <message>
        <source>%1: cannot open: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: larger than %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::SeriesCsv</name>
    <message>
        <source>CSV output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not open for writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::SeriesDownsampler</name>
    <message>
        <source>Could not record the time series: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::SeriesQuery</name>
    <message>
        <source>Could not read the stored time series: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::SeriesStatement</name>
    <message>
        <source>database error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::SystemProbe</name>
    <message>
        <source>%1: no valid &apos;%2&apos; line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::VulkanMemoryProbe</name>
    <message>
        <source>Vulkan: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory in use unknown: the driver lacks VK_EXT_memory_budget (the total is the heaps&apos; size)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::CatalogEditor</name>
    <message>
        <source>GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty the form for a new site row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as site row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the form as the site&apos;s own row (Ctrl+S); it replaces a built-in row of the same id. Needs settings.manage and is recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove site row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected site row; a built-in row it replaced is in force again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>site (replaces built-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The site&apos;s %1 has problems; the catalog is not in force until they are put right:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not change the price catalog: it needs the permission settings.manage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 saved: the site&apos;s row is in force.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed from the site&apos;s catalog: the built-in row is in force again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed from the site&apos;s catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may read the price catalog; changing it needs the permission settings.manage.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::ChatFormat</name>
    <message>
        <source>%1 parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>context %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no chat template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>length limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end of answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>context full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT %1 ms · %2 tok/s · %3 tokens · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt %1 tokens at %2 tok/s, %3 cached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped by the guard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guard %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::ChatPage</name>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a GGUF model file (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new conversation (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Max tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most tokens an answer may have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>greedy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Higher values give more varied answers; at 0 (greedy) the most likely token is always taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message the model. Enter sends, Shift+Enter starts a new line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready when you are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message below and press Enter to send it; Shift+Enter starts a new line. Esc stops an answer and Ctrl+L clears the conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a GGUF model file with “Open model…” or Ctrl+O to chat with it here. Answers stream in as they are generated, with the time to first token and tokens per second under each one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session is locked; sign in again to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::DashboardsPage</name>
    <message>
        <source>Dashboards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Telemetry is off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window was started without its telemetry service, so there are no GPU, host or engine figures to show and no alerts to raise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dashboards show each GPU, the host and the engine as soon as the probes have taken their first reading, which happens within a second or two of starting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU utilization (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU utilization chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated tokens per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per second chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean time to first token (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to first token chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge the selected alert (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probes not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not answering: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Utilization: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Energy per token: %1 J</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Fyr: %1 in %n thread(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert rules not loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests running: %1, waiting: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV cache in use: %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV cache in use: no model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated tokens per second: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory bandwidth achieved: %1 (%2 % of the peak)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory bandwidth achieved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Time to first token, p95 over 5 min: %1 s (%n answer(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Time to first token, p95 over 5 min: no answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open alerts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runbook: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An alert could not be recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alert history could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (opened as %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, closed at restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alerts so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The latest %n alert(s), newest first.</source>
        <translation>
            <numerusform>The latest alert, newest first.</numerusform>
            <numerusform>The latest %n alerts, newest first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fyr::ui::DeploymentsPage</name>
    <message>
        <source>Deployments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deployment plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deployment wizards will plan cloud, on-premises and hybrid deployments: hardware, capacity, cost and the configuration to hand over.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::FirstStartDialog</name>
    <message>
        <source>Create the Fyr installation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no installation at %1 yet. Choose the first administrator and the data passphrase that protects conversations and the audit trail; without the passphrase the data cannot be read, so keep it safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Administrator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data passphrase a&amp;gain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deriving the keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the passwords do not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data passphrases do not match</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::MainWindow</name>
    <message>
        <source>%1 — Fyr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Fyr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU: %1 · CUDA %2 · Vulkan %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Fyr %1&lt;/h3&gt;&lt;p&gt;A console for running AI chatbots on your own hardware.&lt;/p&gt;&lt;pre&gt;%2&lt;/pre&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Fyr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked. Sign in as %1 again to go on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::ModelsPage</name>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No models in the registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model registry will list the GGUF models imported from disk, with their architecture, size, quantization and memory needs, and let you load, unload and check them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is running yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The overview will show the engine&apos;s state, the loaded models, requests per minute, time to first token, GPU use and the latest alerts and security events, at a glance.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::RecentRequestsView</name>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No requests yet. Each answer from the Chat page appears here with its timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the selected request&apos;s spans on a time axis (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV peak (MiB)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::SecurityPage</name>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to see the security events raised by the guards and quotas and to verify the tamper-evident audit trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify audit chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every audit entry&apos;s HMAC, the chain and the head checkpoint (needs audit.view).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OWASP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excerpt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3 or %4 to see security events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No security events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n recent security event(s), newest first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The audit chain holds: %n entries, chain and head checkpoint verified.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The audit chain is NOT intact: first bad entry %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to see the installation&apos;s settings: the session timeout, where request traces are exported and where alerts are sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the new value (Ctrl+S); needs settings.manage and is recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is back to its default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may read the settings; changing them needs the permission settings.manage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs now: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::SignInDialog</name>
    <message>
        <source>Sign in to the installation at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The session was locked after %n minute(s) without activity. Enter the password to go on.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sign in to Fyr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

The database is %2. Nothing was changed. To go back to a backup, quit Fyr and run:
  fyrctl backup restore BACKUP-FILE --db %2
(the current file is kept beside it).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::TraceTimelineDialog</name>
    <message>
        <source>Request timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline of request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trace of request %1 is no longer kept: the console keeps only the traces of the most recent requests (at most %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::TraceTimelineModel</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts at %1 ms, takes %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1 ms to %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::TraceTimelineView</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model asked for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model that answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guard direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guard verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reused prefix tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: starts at %2 ms, takes %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spans of the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes of the selected span</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n span</numerusform>
            <numerusform>%n spans</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV cache peak (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyr::ui::TranscriptView</name>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show how this request went: queue, prefill, decode and streaming, with their times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fyrctl</name>
    <message>
        <source>Usage: fyrctl [global options] &lt;command&gt; [options]

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Global options:
  -h, --help           Show this help (or a command&apos;s: fyrctl &lt;command&gt; --help)
  -V, --version        Same as the version command
  --log-level LEVEL    debug, info, warning or critical (default: info)
  --log-json           Write log lines to stderr as JSON objects
  --log-rules RULES    Logging category rules, e.g. &quot;fyr.engine.debug=true&quot;
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fyrctl: unknown command &apos;%1&apos;. Run &apos;fyrctl --help&apos; for the list.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &apos;%1 --help&apos; for the options.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show version, commit, backends and CPU features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List compute backends and devices; --self-test runs a kernel on each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a small compute kernel on each GPU device and check its result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the compute backends and their devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>self-test passed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>self-test FAILED: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the facts as one JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show version, commit, backends and the CPU features detected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a GGUF model&apos;s architecture, tensors, vocabulary and memory needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context length for the memory estimate (default: the trained context).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A GGUF model file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what a GGUF model file holds and how much memory it needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model:        %1 (GGUF v%2, %3)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>architecture: %1%2%3
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, file type %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameters:   %1 (%2 of weights)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 (%3, %4%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tensors:      %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported:  %1 tensor(s) of a type Fyr cannot compute with, e.g. %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shape:        context %1, layers %2, embedding %3, heads %4 (KV %5), head dim %6, feed-forward %7
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rope base:    %1, RMS norm eps %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vocabulary:   %1, %2 tokens%3%4
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>llama (SentencePiece)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gpt2 (byte-level BPE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 merges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, pre-tokenizer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>special:      %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chat template: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory at n_ctx %1:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  KV %1: %2 per token, %3 cache + %4 weights = %5
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn text into token ids with a model&apos;s own vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GGUF model (or vocabulary) file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenize the contents of this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not add the BOS token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn special-token texts such as &lt;|im_start|&gt; into their tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print {&quot;tokens&quot;: [ids], &quot;pieces&quot;: [texts]} as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text to tokenize.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn text into token ids with a model&apos;s vocabulary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-m MODEL is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give either one TEXT argument or --file F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render a chat template to the exact prompt a model sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the chat template stored in this GGUF model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the Jinja chat template in this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON file with the messages (an array).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON file with the tools (an array).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON file with extra template variables (an object).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End with the assistant&apos;s turn opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bos_token for the template (default: the model&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eos_token for the template (default: the model&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render a test case file (template, messages, tools, frozen clock).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render a chat template to the exact prompt text the model will see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--case brings its own inputs; only --template may go with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give either -m MODEL or --template FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--messages FILE is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no chat template (tokenizer.chat_template); pass --template FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected a JSON array of messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected a JSON object of variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a prompt through a model and print the top logits at every position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GGUF model file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt as comma-separated token ids, used exactly as given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not add the BOS token to the prompt text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the K highest logits per position (default 5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the last position&apos;s logits to FILE as little-endian float32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print {&quot;tokens&quot;: [ids], &quot;top&quot;: [[[id, logit], ...] per position]} as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give either -p TEXT or --tokens ID,ID,...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--top needs a positive number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tokens: &apos;%1&apos; is not a token id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prompt has no tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected exactly one MODEL file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ctx: &apos;%1&apos; is not a positive number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate text from a prompt, streamed as it comes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most tokens to generate (default 128).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always take the most likely token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature (default 0.8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-k (default 40; 0: off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-p (default 0.95; 1: off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min-p (default 0.05; 0: off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typical-p (default 1: off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repetition penalty (default 1: off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens the penalties look back over (default 64; -1: all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequency penalty (default 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence penalty (default 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed (default: a new one each run).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop before this text (may be repeated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap the prompt in the model&apos;s chat template as a user message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep generating past end-of-text tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context size (default: prompt + N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the result and timings as one JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate text from a prompt, streaming it as it comes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-p TEXT is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1: &apos;%2&apos; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--greedy cannot be combined with sampling options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--seed: &apos;%1&apos; is not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-n: expected a number of tokens from 1 up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prompt has %1 tokens but the context holds %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 prompt tokens at %2 tokens/s, %3 generated at %4 tokens/s, first token after %5 ms (%6)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a model with its weights in another type (q8_0, q4_k_m, ...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a model of any size with random weights and a real vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture: llama or qwen2 (default llama).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedding width (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of layers (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention heads (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key/value heads (default: n-head).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed-forward width (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF file whose vocabulary and chat template are copied (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight type: %1 (default f32).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed (default 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained context length to record (default 2048).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not report each tensor on stderr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a model with random weights and a real vocabulary, for tests and benchmarks. It loads in Fyr and llama.cpp; the same seed gives the same file. Weights are written as they are made, so any size fits in a little memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected exactly one OUT file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1: &apos;%2&apos; is not a positive whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--vocab-from VOCAB.gguf is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown type &apos;%1&apos; (valid types: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrote %1: %2 %3, %4 parameters, %5 in %6 s
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output type: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A GGUF model with F32, F16 or BF16 tensors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a model with its weights in another type, as llama-quantize does. Plain types give every weight that type (like llama-quantize --pure); q4_k_s, q4_k_m and q5_k_m give some tensors more bits by llama.cpp&apos;s rules. Norms and biases stay as they are. The file is written as OUT.tmp and renamed when complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected IN and OUT files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--type is required (one of: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrote %1: %2, %3 in %4 s
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1/%2] %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt tokens per run (default 512; 0: skip).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated tokens per run (default 128; 0: skip).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs of each test (default 5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the results as one JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure prompt and generation speed (tokens/s, mean ± standard deviation) and the memory bandwidth generation achieves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-p and -n: whole numbers of tokens, not both 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-r: expected a whole number from 1 to 1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model      %1 (%2 MiB), %3
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt     pp%1: %2 ± %3 tokens/s
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generation tg%1: %2 ± %3 tokens/s, %4 GB/s of weights read (%5 MB per token)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peak RSS   %1 MiB
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A system message to start the conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most tokens per answer (default: until the model ends it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context size in tokens (default: the model&apos;s, at most 4096).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat with a model in the terminal. Type a message and press Enter; Ctrl+C stops an answer, /clear starts over, /exit or Ctrl+D ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ctx: expected a number of tokens from 1 up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each message continues the text so far instead.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 tokens of context, %3. /help for commands.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/clear  start a new conversation
/exit   end (or Ctrl+D)
Ctrl+C  stop the answer being written
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(new conversation)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation needs %1 tokens but the context holds %2; /clear to start over.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1 tokens, %2 tokens/s, first after %3 ms, %4]
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context is full; /clear to start over.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat with a model in the terminal, in its own chat format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure prompt and generation speed and achieved memory bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute threads (default: one per physical core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the scalar single-threaded reference forward pass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--threads: expected a whole number from 1 to 1024</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a prompt through a model and show the logits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1 of %2 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve this many sequences at once through the runtime, per level (e.g. 1,2,4,8): aggregate and per-sequence generation tokens/s, TTFT and TPOT percentiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --concurrency: leading prompt tokens all sequences share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--concurrency: expected numbers from 1 to 256 separated by commas, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--concurrency needs -p of at least 1 and -n of at least 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--shared-prefix: expected a whole number from 0 to -p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--concurrency runs the fast pass; drop --reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>concurrency %1: run %2 of %3 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backend %1, prompt %2 tokens (%3 shared), %4 generated per sequence
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seqs  aggregate tok/s  per-seq tok/s  TTFT p50/p95/p99 ms      TPOT p50/p95/p99 ms   reused
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speculative decoding: a smaller model with the same vocabulary proposes tokens, this model checks them in one batch (same output, faster).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --draft: most tokens proposed per step (default 8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--draft-max: expected a whole number from 1 to 64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the draft model has %2 tokens, the model %3; speculative decoding needs the same vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: token %2 is &apos;%3&apos; in the draft model but &apos;%4&apos; in the model; speculative decoding needs the same vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draft: %1 of %2 proposed tokens accepted (%3%)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--kv-type: expected f16 or q8_0, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --concurrency: speculative decoding with this draft model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create, list and restore encrypted backups of the installation database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check a prompt or answer with the guards; measure or train them on a labelled corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database (default: the installation&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify: check this JSON-lines export instead of the database&apos;s log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export: where the JSON lines go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock the data key with the passphrase on the first line of FILE (default: the FYR_PASSPHRASE variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock the data key with this key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the verdict as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the tamper-evident audit log (every entry, the chain and the head checkpoint), or export it as JSON lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export needs --out FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read the key file: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (or give --key-file FILE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit log written to %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit log intact: %1 entries, chain and head checkpoint verified
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit log NOT intact: first bad entry %1: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create, restore FILE, list or prune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create: the backup file (default: a new file in --dir).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the passphrase from the first line of FILE (default: the FYR_BACKUP_PASSPHRASE variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prune: how many of the newest backups to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted backups of the installation database: create one while Fyr runs, list them, restore one (stop Fyr first; the current database is kept).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list takes no file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no backups in %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2  schema %3  %4 KiB
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prune needs --keep N, a number from 1 up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 backups kept in %2, %3 deleted
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected create, restore FILE, list or prune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create takes no file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore takes the backup file to restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup written: %1 (%2 KiB)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored %1 into %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database it replaced is kept as %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check needs TEXT (or --file FILE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verdict: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1  %2/%3  %4  %5  decided by %6  score %7
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>injection score: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redacted: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time: %1 µs
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train needs one or more CORPUS.jsonl files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train needs --out FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--epochs expects 1 to 10000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--l2 expects 0 to 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trained on %1 examples: %2 features kept, written to %3
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eval needs one or more CORPUS.jsonl files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 attacks, %3 benign
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  recall %1  precision %2  false positives %3 (%4 of %5)  mean %6 µs per prompt
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1  recall %2 (%3 of %4)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1  false positives %2 (%3 of %4)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  miss line %1 (%2, %3): %4
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check: the caller&apos;s role, whose verdicts apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check: treat TEXT as a model&apos;s answer, not a prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check: read the text from FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check --output: the canary planted in the system prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check --output: the system prompt, to detect it leaking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check: exit with 3 when the verdict is at least LEVEL (flag, redact, block).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train: where the classifier&apos;s weights go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train: passes over the corpus (default 40).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train: L2 regularisation (default 1e-5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eval: list the prompts it got wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the guard pipeline (injection, secrets, personal data, leaks, links) on a text, measure it on a labelled corpus, or train its classifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--fail-on expects flag, redact or block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database to create (default: the installation&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first administrator&apos;s user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The administrator&apos;s password on the first line of FILE (default: the FYR_PASSWORD variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data passphrase on the first line of FILE (default: the FYR_PASSPHRASE variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an installation without a window: the database, its data key wrapped by the passphrase, and the first admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init needs --admin NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installation created at %1 with the admin %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add NAME, list, passwd NAME, disable NAME, enable NAME or role NAME ROLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add: the new user&apos;s role (default analyst).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add: the new user&apos;s data clearance level (default 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add, passwd: the new password on the first line of FILE (default: the FYR_NEW_PASSWORD variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list: print JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage local accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected add NAME, list, passwd NAME, disable NAME, enable NAME or role NAME ROLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--clearance expects 0 to 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you cannot disable your own account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user %1: %2 done
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create NAME, list or revoke ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create: the key&apos;s role (default: the acting user&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create: days until the key expires (default 90).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage API keys: shown once, stored only as a hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected create NAME, list or revoke ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--expires-days expects 1 to 3650</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoke expects the key&apos;s number (see keys list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1 revoked
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1 (role %2, expires %3); it is shown only now:
%4
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Act as this user (default: the FYR_USER variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The acting user&apos;s password on the first line of FILE (default: the FYR_PASSWORD variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no secret given: use --%1 FILE or set %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>say who acts: --as NAME (or set FYR_USER)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done, but the audit log could not record it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an installation without a window: database, data key and first admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, list, disable users; set passwords and roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create, list and revoke API keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List roles and their permissions; create custom roles and change what they may do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown permission %1 (known: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot grant permissions the role %2 does not hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role %1: %2 done
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose data to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the JSON to FILE (default: standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export everything held about one user (account, conversations decrypted, keys without secrets, requests) as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected one user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose data to erase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm: erasure cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase one user: account, conversations, messages and keys. Request figures and the audit log stay, without the person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>erasure cannot be undone: add --yes to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you cannot erase your own account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user %1 erased
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify, export or list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list: the first sequence number (default: the last 50 entries).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list: at most N entries (default 50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected verify, export or list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit expects 1 to 100000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from expects a sequence number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List roles; create custom roles, grant and revoke permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export everything held about one user as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase one user&apos;s account, conversations and keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify, export or list the tamper-evident audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only show the data keys and how much is still under older ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values re-encrypted per transaction (default 200).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new data key and re-encrypt every message and payload with it. Stopped or killed, run it again: it resumes where it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--batch expects 1 to 100000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data keys %1 (newest %2); %3 value(s) still under older keys
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resuming: %1 value(s) still under older keys
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data key %1 in use: %2 value(s) re-encrypted, %3 left
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new data key and re-encrypt stored content with it (resumable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-encrypted %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list, create NAME [PERMISSION…], grant|revoke ROLE PERMISSION, models ROLE, allow-model|deny-model ROLE PATTERN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected list, create NAME [PERMISSION…], grant ROLE PERMISSION, revoke ROLE PERMISSION, models ROLE, allow-model ROLE PATTERN or deny-model ROLE PATTERN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may use every model
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create: act as this user (default: the FYR_USER variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create: the acting user&apos;s password on the first line of FILE (default: the FYR_PASSWORD variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create: the data passphrase on the first line of FILE (default: the FYR_PASSPHRASE variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected install POLICY.json or reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the built-in guard policy is in force again
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot copy the classifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guard policy installed at %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check TEXT, eval CORPUS…, train CORPUS… --out FILE, install POLICY.json or reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected check, eval, train, install or reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --concurrency: write the runtime&apos;s metrics to FILE in Prometheus&apos; text format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read GPUs, CPU and memory and print Fyr&apos;s metrics in Prometheus&apos; format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Readings to take (default 2: CPU use needs two).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milliseconds between readings (default 500).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NVML library to load (default libnvidia-ml.so.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the last reading as JSON instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the GPUs, CPU and memory once and print Fyr&apos;s metrics in Prometheus&apos; text format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rounds expects 1 to 3600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--interval expects 10 to 60000 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not available: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not check messages and answers with the guards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report what requests cost, compare with hosted APIs&apos; prices, set the on-prem pricing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixed currencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (+%1 not configured)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--since DATE|DURATION is required (e.g. --since 7d or --since 2026-11-01)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--since: expected a date (YYYY-MM-DD), a date and time (ISO 8601) or a duration such as 24h, 7d or 4w, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--until: expected a date (YYYY-MM-DD), a date and time (ISO 8601) or a duration such as 24h, 7d or 4w, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the range is empty: --until (%1) is not after --since (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--by expects model, user, day or endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the price catalog is broken:
  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--compare: &apos;%1&apos; is not in the price catalog; it has %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost by %1, %2 to %3 (%4 days)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kWh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hardware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>energy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>monthly projection: %1 %2 (the daily average over these %3 days x 30)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no monthly projection: the requests were priced in more than one currency
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no monthly projection: no request in the range has a cost
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same traffic on %1 would have cost %2 %3 (monthly %4 %3) at %5 in / %6 out %3 per 1M tokens (%7, taken %8)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests have no cost: the on-prem pricing was not configured when they ran (fyrctl cost pricing set)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hardware price   %1 %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>life             %1 months
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nominal watts    %1 W
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>price per kWh    %1 %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PUE              %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected pricing show or pricing set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 expects a number of at least 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 expects a number above 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--currency expects a three-letter ISO 4217 code such as EUR or USD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pricing show takes no values; use pricing set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pricing set: give at least one of --hardware-price, --life-months, --nominal-watts, --price-per-kwh, --pue, --currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report: from DATE (YYYY-MM-DD, UTC), an ISO 8601 time, or DURATION ago (24h, 7d, 4w).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report: up to (not including) WHEN (default: now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report: group by model, user, day or endpoint (default model).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report: what the same tokens would have cost at this hosted API (an id of the price catalog, e.g. openai/gpt-4o; may be repeated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pricing set: what the machine (or its GPU share) cost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pricing set: months to write the hardware off over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pricing set: the machine&apos;s draw when the energy is not measured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pricing set: what a kWh costs the site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pricing set: the site&apos;s power usage effectiveness (1 or more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pricing set: the currency of the prices (ISO 4217, e.g. EUR).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live view of GPUs, CPU, memory and the latest requests&apos; rates and latencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fyr top — %1 UTC, every %2 s, requests of the last %3 min (Ctrl+C ends)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPUs: none found
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MEMORY GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEMP °C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POWER W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  not available: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU %1%   memory used %2 GiB
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests: %1 (%2 running, %3 failed), %4 tok/s generated, %5 tok/s prompt
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  TTFT ms p50/p95/p99 %1/%2/%3   TPOT ms %4/%5/%6   end to end ms %7/%8/%9
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MODEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REQUESTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GEN TOK/S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT P95 MS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPOT P95 MS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds between frames (default 1; 0.2 to 60).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes of requests the figures cover (default 5; 1 to 1440).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames to show, then end (default: until Ctrl+C).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show one frame and end (as --count 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print each frame as one JSON line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show GPUs, CPU, memory and, acting as a user, the latest requests&apos; rates and latency percentiles, redrawn until Ctrl+C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--interval expects 0.2 to 60 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--window expects 1 to 1440 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--count expects a positive number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests: give --as NAME (and --db PATH) to read them from the installation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fyrctl top: cannot read the requests: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also read the memory of Vulkan devices (for GPUs that NVML and amdgpu&apos;s sysfs do not cover).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where backups go and are listed from (default: the backups folder beside the database, %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve a model over an OpenAI-compatible HTTP API, through the installation&apos;s gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show and change the installation&apos;s settings: session timeout, trace export, alert outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>site (replaces built-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected catalog list, catalog set or catalog remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a catalog table: gpus, cloud_instances or api_prices, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catalog set: expected TABLE and FIELD=VALUE... (id=... names the row)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catalog set: expected FIELD=VALUE, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catalog set: id=... is required (the row to add or replace)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catalog remove: expected TABLE and ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed from the site&apos;s catalog (%2)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 saved in the site&apos;s catalog (%2)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report, pricing show|set, or catalog list|set|remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print JSON (report, pricing show, catalog list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report what the requests cost (by model, user, day or endpoint), compare with hosted APIs&apos; prices, set the site&apos;s on-prem pricing, and list or change the site&apos;s rows of the price catalog (catalog set TABLE id=ID FIELD=VALUE..., catalog remove TABLE ID; TABLE: gpus, cloud_instances or api_prices).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected report, pricing show, pricing set, catalog list, catalog set or catalog remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guard policy JSON (default: the installation&apos;s own, installed beside --db, else the built-in one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address to listen on (default 127.0.0.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port to listen on (default 8080; 0: any free port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads for the model (default: one per core).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve a model over an OpenAI-compatible HTTP API; API keys from fyrctl keys create, every request through the installation&apos;s gate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--as NAME is required: the user who starts the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--host: expected an IP address such as 127.0.0.1 or ::1, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port: expected a whole number from 0 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--threads: expected a whole number from 0 to 1024</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no model file at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serving %1 at %2 as %3; Ctrl+C stops
</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>stopping; %n answer(s) cut short
</source>
        <translation>
            <numerusform>stopping; %n answer cut short
</numerusform>
            <numerusform>stopping; %n answers cut short
</numerusform>
        </translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list, get KEY, set KEY VALUE or reset KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show and change the installation&apos;s settings (the session timeout, where traces and alerts go). Changes need settings.manage and are recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected list, get KEY, set KEY VALUE or reset KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected: settings %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no setting &quot;%1&quot; (fyrctl settings list shows them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV peak MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV mean MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU kernels: scalar, avx2, avx512 or avx512-amx (default: the best this CPU runs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--kernels: &apos;%1&apos; is not one of scalar, avx2, avx512, avx512-amx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt tokens per forward pass (default 128; 1 to 8192).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--batch: expected a whole number from 1 to 8192</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also show where the time goes: milliseconds per token in each phase of the forward pass, for the prompt and for generation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile    ms per token (share)    prompt            generation
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens already in the context before each prompt and generation run (default 0), as a conversation&apos;s history would be; not timed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-d: expected a whole number of tokens from 0 to 1000000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--concurrency does not take -d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>depth      %1 tokens in the context before each run
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV cache   %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The KV cache&apos;s type: f16 (default) or q8_0 (about half the memory per token of context, slightly less exact).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--kv-type q8_0: the reference pass keeps its cache in F16; drop one of the two</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
