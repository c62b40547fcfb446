<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en_US">
<context>
    <name>AppConfig</name>
    <message>
        <source>%1:%2:%3: invalid JSON: %4</source>
        <translation>%1:%2:%3: ogiltig JSON: %4</translation>
    </message>
    <message>
        <source>%1:1:1: expected a JSON object at the top level</source>
        <translation>%1:1:1: ett JSON-objekt väntades på översta nivån</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1: kan inte läsas: %2</translation>
    </message>
</context>
<context>
    <name>BuildReport</name>
    <message>
        <source>on</source>
        <translation>på</translation>
    </message>
    <message>
        <source>off</source>
        <translation>av</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nej</translation>
    </message>
    <message>
        <source>commit:   %1
</source>
        <translation>commit:   %1
</translation>
    </message>
    <message>
        <source>build:    %1, %2, Qt %3
</source>
        <translation>bygge:    %1, %2, Qt %3
</translation>
    </message>
    <message>
        <source>backends: %1 (CUDA %2, Vulkan %3)
</source>
        <translation>backend:  %1 (CUDA %2, Vulkan %3)
</translation>
    </message>
    <message>
        <source>cpu:      %1 (%2 cores, %3 threads)
</source>
        <translation>cpu:      %1 (%2 kärnor, %3 trådar)
</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>okänd</translation>
    </message>
    <message>
        <source>features: %1
</source>
        <translation>funktioner: %1
</translation>
    </message>
    <message>
        <source>          all: %1
</source>
        <translation>          alla: %1
</translation>
    </message>
</context>
<context>
    <name>Logging</name>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 behöver ett värde</translation>
    </message>
    <message>
        <source>--log-level: &apos;%1&apos; is not a level (expected debug, info, warning or critical)</source>
        <translation>--log-level: &apos;%1&apos; är ingen nivå (väntade debug, info, warning eller critical)</translation>
    </message>
</context>
<context>
    <name>fyr::app::Alerts</name>
    <message>
        <source>The session is locked; sign in again to acknowledge alerts.</source>
        <translation>Sessionen är låst; logga in igen för att kvittera larm.</translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3</source>
        <translation>%1 (roll %2) saknar behörigheten %3</translation>
    </message>
    <message>
        <source>Alert %1 is no longer open; it resolved meanwhile.</source>
        <translation>Larm %1 är inte längre öppet; det har upphört under tiden.</translation>
    </message>
    <message>
        <source>The alert was acknowledged, but the audit log could not record it: %1</source>
        <translation>Larmet kvitterades, men granskningsloggen kunde inte registrera det: %1</translation>
    </message>
</context>
<context>
    <name>fyr::app::ApiServer</name>
    <message>
        <source>there is nothing at %1 for this method</source>
        <translation>det finns inget på %1 för den här metoden</translation>
    </message>
    <message>
        <source>could not listen on %1 port %2: %3</source>
        <translation>kunde inte lyssna på %1 port %2: %3</translation>
    </message>
    <message>
        <source>no API key: send the header Authorization: Bearer &lt;key&gt; (fyrctl keys create makes one)</source>
        <translation>ingen API-nyckel: skicka huvudet Authorization: Bearer &lt;nyckel&gt; (fyrctl keys create skapar en)</translation>
    </message>
    <message>
        <source>the Authorization header is not of the form Bearer &lt;key&gt;</source>
        <translation>huvudet Authorization har inte formen Bearer &lt;nyckel&gt;</translation>
    </message>
    <message>
        <source>invalid API key: %1</source>
        <translation>ogiltig API-nyckel: %1</translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3</source>
        <translation>%1 (roll %2) saknar behörigheten %3</translation>
    </message>
    <message>
        <source>this server keeps no metrics</source>
        <translation>den här servern för inga mätvärden</translation>
    </message>
    <message>
        <source>model: &apos;%1&apos; is not loaded; this server answers with &apos;%2&apos;</source>
        <translation>model: &apos;%1&apos; är inte inläst; den här servern svarar med &apos;%2&apos;</translation>
    </message>
    <message>
        <source>messages: expected a message with the role user</source>
        <translation>messages: ett meddelande med rollen user förväntades</translation>
    </message>
    <message>
        <source>messages[%1].content: %2</source>
        <translation>messages[%1].content: %2</translation>
    </message>
</context>
<context>
    <name>fyr::app::AuditLog</name>
    <message>
        <source>%1: cannot write the audit head: %2</source>
        <translation>%1: kan inte skriva granskningsloggens huvud: %2</translation>
    </message>
    <message>
        <source>entry %1 is missing (deleted)</source>
        <translation>post %1 saknas (raderad)</translation>
    </message>
    <message>
        <source>entry %1 does not follow entry %2 (entries inserted, reordered or the one before changed)</source>
        <translation>post %1 följer inte på post %2 (poster infogade, omordnade eller den föregående ändrad)</translation>
    </message>
    <message>
        <source>entry %1 has been edited (its HMAC does not match)</source>
        <translation>post %1 har redigerats (dess HMAC stämmer inte)</translation>
    </message>
    <message>
        <source>the head checkpoint is missing, so truncation cannot be ruled out</source>
        <translation>huvudkontrollpunkten saknas, så avkortning kan inte uteslutas</translation>
    </message>
    <message>
        <source>the log was truncated: entries %1 to %2 are gone</source>
        <translation>loggen har avkortats: post %1 till %2 är borta</translation>
    </message>
    <message>
        <source>entry %1 differs from the head checkpoint</source>
        <translation>post %1 skiljer sig från huvudkontrollpunkten</translation>
    </message>
    <message>
        <source>the head checkpoint %1 cannot be trusted: %2</source>
        <translation>huvudkontrollpunkten %1 går inte att lita på: %2</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1: kan inte skriva: %2</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1: kan inte läsa: %2</translation>
    </message>
    <message>
        <source>%1, line %2: not a JSON object (%3)</source>
        <translation>%1, rad %2: inte ett JSON-objekt (%3)</translation>
    </message>
    <message>
        <source>%1, line %2: the head cannot be trusted: %3</source>
        <translation>%1, rad %2: huvudet går inte att lita på: %3</translation>
    </message>
    <message>
        <source>it is not a head checkpoint</source>
        <translation>det är ingen huvudkontrollpunkt</translation>
    </message>
    <message>
        <source>its signature does not match (altered, or another key)</source>
        <translation>dess signatur stämmer inte (ändrad, eller en annan nyckel)</translation>
    </message>
    <message>
        <source>its sequence number is not a number</source>
        <translation>dess sekvensnummer är inte ett tal</translation>
    </message>
</context>
<context>
    <name>fyr::app::Backup</name>
    <message>
        <source>a backup needs a passphrase</source>
        <translation>en säkerhetskopia kräver en lösenfras</translation>
    </message>
    <message>
        <source>%1: cannot read the database: %2</source>
        <translation>%1: kan inte läsa databasen: %2</translation>
    </message>
    <message>
        <source>%1: the copy failed: %2</source>
        <translation>%1: kopieringen misslyckades: %2</translation>
    </message>
    <message>
        <source>the system&apos;s random number generator failed</source>
        <translation>systemets slumptalsgenerator misslyckades</translation>
    </message>
    <message>
        <source>deriving the key from the passphrase failed</source>
        <translation>härledningen av nyckeln från lösenfrasen misslyckades</translation>
    </message>
    <message>
        <source>encryption failed</source>
        <translation>krypteringen misslyckades</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1: kan inte skriva: %2</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1: kan inte läsa: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: the backup has schema version %2, newer than this Fyr understands (%3)</source>
        <translation>%1: säkerhetskopian har schemaversion %2, nyare än vad den här Fyr förstår (%3)</translation>
    </message>
    <message>
        <source>%1: wrong passphrase</source>
        <translation>%1: fel lösenfras</translation>
    </message>
    <message>
        <source>%1: the backup is damaged or has been altered (authentication failed); nothing was restored</source>
        <translation>%1: säkerhetskopian är skadad eller har ändrats (autentiseringen misslyckades); inget återställdes</translation>
    </message>
    <message>
        <source>%1: the database inside the backup fails its integrity check; nothing was restored</source>
        <translation>%1: databasen i säkerhetskopian klarar inte integritetskontrollen; inget återställdes</translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1: kan inte öppna: %2</translation>
    </message>
    <message>
        <source>%1: cannot keep the current database as %2</source>
        <translation>%1: kan inte spara den nuvarande databasen som %2</translation>
    </message>
    <message>
        <source>%1: cannot restore: %2</source>
        <translation>%1: kan inte återställa: %2</translation>
    </message>
    <message>
        <source>%1: cannot restore (is Fyr still running?): %2</source>
        <translation>%1: kan inte återställa (körs Fyr fortfarande?): %2</translation>
    </message>
    <message>
        <source>retention must keep at least one backup</source>
        <translation>lagringen måste behålla minst en säkerhetskopia</translation>
    </message>
    <message>
        <source>%1: cannot delete</source>
        <translation>%1: kan inte radera</translation>
    </message>
    <message>
        <source>not a Fyr backup (no FYRBAK header)</source>
        <translation>inte en säkerhetskopia från Fyr (inget FYRBAK-huvud)</translation>
    </message>
    <message>
        <source>backup format version %1 is not supported by this Fyr</source>
        <translation>formatversion %1 för säkerhetskopior stöds inte av den här Fyr</translation>
    </message>
    <message>
        <source>the header length is %1, expected %2</source>
        <translation>huvudets längd är %1, väntade %2</translation>
    </message>
    <message>
        <source>the key derivation settings in the header are out of range</source>
        <translation>inställningarna för nyckelhärledning i huvudet ligger utanför tillåtet intervall</translation>
    </message>
    <message>
        <source>the file has %1 bytes but its header says %2: it is truncated or damaged</source>
        <translation>filen har %1 byte men huvudet anger %2: den är avkortad eller skadad</translation>
    </message>
    <message>
        <source>out of memory while copying the database</source>
        <translation>minnet tog slut när databasen kopierades</translation>
    </message>
</context>
<context>
    <name>fyr::app::Catalog</name>
    <message>
        <source>a non-empty string</source>
        <translation>en sträng som inte är tom</translation>
    </message>
    <message>
        <source>an http or https address</source>
        <translation>en http- eller https-adress</translation>
    </message>
    <message>
        <source>an ISO 8601 date (YYYY-MM-DD, or YYYY-MM)</source>
        <translation>ett datum enligt ISO 8601 (ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM)</translation>
    </message>
    <message>
        <source>a number above 0</source>
        <translation>ett tal över 0</translation>
    </message>
    <message>
        <source>a whole number from 1 up</source>
        <translation>ett heltal från 1 och uppåt</translation>
    </message>
    <message>
        <source>a three-letter ISO 4217 currency code such as USD</source>
        <translation>en valutakod på tre bokstäver enligt ISO 4217, till exempel USD</translation>
    </message>
    <message>
        <source>one of on-demand, capacity-block, spot, reserved</source>
        <translation>något av on-demand, capacity-block, spot, reserved</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>en lista</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ett objekt</translation>
    </message>
    <message>
        <source>%1: not a catalog file (expected %2, %3 or %4)</source>
        <translation>%1: inte en katalogfil (väntade %2, %3 eller %4)</translation>
    </message>
    <message>
        <source>%1: not valid JSON at byte %2: %3</source>
        <translation>%1: inte giltig JSON vid byte %2: %3</translation>
    </message>
    <message>
        <source>%1: expected a JSON object at the top</source>
        <translation>%1: väntade ett JSON-objekt överst</translation>
    </message>
    <message>
        <source>%1: format: expected &quot;%2&quot;, got %3</source>
        <translation>%1: format: väntade &quot;%2&quot;, fick %3</translation>
    </message>
    <message>
        <source>%1: version: expected 1, got %2</source>
        <translation>%1: version: väntade 1, fick %2</translation>
    </message>
    <message>
        <source>%1: rows: expected a list of rows</source>
        <translation>%1: rows: väntade en lista med rader</translation>
    </message>
    <message>
        <source>%1: expected an object, got %2</source>
        <translation>%1: väntade ett objekt, fick %2</translation>
    </message>
    <message>
        <source>%1.%2: missing (expected %3)</source>
        <translation>%1.%2: saknas (väntade %3)</translation>
    </message>
    <message>
        <source>%1.%2: expected %3, got %4</source>
        <translation>%1.%2: väntade %3, fick %4</translation>
    </message>
    <message>
        <source>%1.%2: not a field of this file</source>
        <translation>%1.%2: inte ett fält i den här filen</translation>
    </message>
    <message>
        <source>%1.currency: missing (a price needs its currency)</source>
        <translation>%1.currency: saknas (ett pris behöver sin valuta)</translation>
    </message>
    <message>
        <source>%1.id: &quot;%2&quot; appears twice</source>
        <translation>%1.id: &quot;%2&quot; förekommer två gånger</translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation>%1: kan inte läsas: %2</translation>
    </message>
</context>
<context>
    <name>fyr::app::CatalogOverrides</name>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation>%1: kan inte läsas: %2</translation>
    </message>
    <message>
        <source>%1: not valid JSON at byte %2: %3</source>
        <translation>%1: inte giltig JSON vid byte %2: %3</translation>
    </message>
    <message>
        <source>%1: expected a JSON object with a list of rows</source>
        <translation>%1: ett JSON-objekt med en lista av rader förväntades</translation>
    </message>
    <message>
        <source>%1 may not change the price catalog: permission %2 is missing</source>
        <translation>%1 får inte ändra priskatalogen: behörigheten %2 saknas</translation>
    </message>
    <message>
        <source>%1 was not changed: the folder %2 cannot be created</source>
        <translation>%1 ändrades inte: mappen %2 kan inte skapas</translation>
    </message>
    <message>
        <source>%1 was not changed: %2 is being changed by another program</source>
        <translation>%1 ändrades inte: %2 ändras av ett annat program</translation>
    </message>
    <message>
        <source>%1 was not changed: the site&apos;s file is not a catalog file (%2); correct it or move it away</source>
        <translation>%1 ändrades inte: anläggningens fil är ingen katalogfil (%2); rätta den eller flytta bort den</translation>
    </message>
    <message>
        <source>%1 is a built-in row: it cannot be removed, only replaced by a site row of the same id</source>
        <translation>%1 är en inbyggd rad: den kan inte tas bort, bara ersättas av en anläggningsrad med samma id</translation>
    </message>
    <message>
        <source>%1: the site&apos;s catalog has no row with this id</source>
        <translation>%1: anläggningens katalog har ingen rad med det id:t</translation>
    </message>
    <message>
        <source>%1 was not changed: the site&apos;s file would be broken:
%2</source>
        <translation>%1 ändrades inte: anläggningens fil skulle bli trasig:
%2</translation>
    </message>
    <message>
        <source>%1 was not changed: %2 cannot be written: %3</source>
        <translation>%1 ändrades inte: %2 kan inte skrivas: %3</translation>
    </message>
    <message>
        <source>%1 was changed but the audit entry failed: %2</source>
        <translation>%1 ändrades men granskningsposten misslyckades: %2</translation>
    </message>
</context>
<context>
    <name>fyr::app::ChatCompletionRequest</name>
    <message>
        <source>the request body has %1 bytes; at most %2 are accepted</source>
        <translation>anropets kropp har %1 byte; högst %2 tas emot</translation>
    </message>
    <message>
        <source>the request body is not JSON: %1 at byte %2</source>
        <translation>anropets kropp är inte JSON: %1 vid byte %2</translation>
    </message>
    <message>
        <source>the request body: expected a JSON object</source>
        <translation>anropets kropp: ett JSON-objekt förväntades</translation>
    </message>
    <message>
        <source>model: required</source>
        <translation>model: krävs</translation>
    </message>
    <message>
        <source>model: expected a string</source>
        <translation>model: en sträng förväntades</translation>
    </message>
    <message>
        <source>messages: required</source>
        <translation>messages: krävs</translation>
    </message>
    <message>
        <source>messages: expected a list</source>
        <translation>messages: en lista förväntades</translation>
    </message>
    <message>
        <source>messages: expected at least one message</source>
        <translation>messages: minst ett meddelande förväntades</translation>
    </message>
    <message>
        <source>messages: %1 messages; at most %2 are accepted</source>
        <translation>messages: %1 meddelanden; högst %2 tas emot</translation>
    </message>
    <message>
        <source>%1: expected an object</source>
        <translation>%1: ett objekt förväntades</translation>
    </message>
    <message>
        <source>%1.role: required</source>
        <translation>%1.role: krävs</translation>
    </message>
    <message>
        <source>%1.role: expected a string</source>
        <translation>%1.role: en sträng förväntades</translation>
    </message>
    <message>
        <source>%1.role: expected system, user or assistant, not &apos;%2&apos;</source>
        <translation>%1.role: system, user eller assistant förväntades, inte &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1.content: required</source>
        <translation>%1.content: krävs</translation>
    </message>
    <message>
        <source>%1.content: expected a string</source>
        <translation>%1.content: en sträng förväntades</translation>
    </message>
    <message>
        <source>%1: expected a whole number from 1 to %2</source>
        <translation>%1: ett heltal från 1 till %2 förväntades</translation>
    </message>
    <message>
        <source>temperature: expected a number from 0 to 2</source>
        <translation>temperature: ett tal från 0 till 2 förväntades</translation>
    </message>
    <message>
        <source>top_p: expected a number from 0 to 1</source>
        <translation>top_p: ett tal från 0 till 1 förväntades</translation>
    </message>
    <message>
        <source>seed: expected a whole number from 0 to 2^53</source>
        <translation>seed: ett heltal från 0 till 2^53 förväntades</translation>
    </message>
    <message>
        <source>stop: %1 strings; at most %2 are accepted</source>
        <translation>stop: %1 strängar; högst %2 tas emot</translation>
    </message>
    <message>
        <source>stop[%1]: expected a string</source>
        <translation>stop[%1]: en sträng förväntades</translation>
    </message>
    <message>
        <source>stop: expected a string or a list of strings</source>
        <translation>stop: en sträng eller en lista av strängar förväntades</translation>
    </message>
    <message>
        <source>stop: expected strings that are not empty</source>
        <translation>stop: strängar som inte är tomma förväntades</translation>
    </message>
    <message>
        <source>stream: expected true or false</source>
        <translation>stream: true eller false förväntades</translation>
    </message>
</context>
<context>
    <name>fyr::app::Conversations</name>
    <message>
        <source>encrypting the message failed</source>
        <translation>krypteringen av meddelandet misslyckades</translation>
    </message>
    <message>
        <source>message %1: %2</source>
        <translation>meddelande %1: %2</translation>
    </message>
    <message>
        <source>there is no user with id %1</source>
        <translation>det finns ingen användare med id %1</translation>
    </message>
</context>
<context>
    <name>fyr::app::CostModel</name>
    <message>
        <source>the on-prem cost is not configured: %1</source>
        <translation>kostnaden på plats är inte inställd: %1</translation>
    </message>
    <message>
        <source>the energy was not measured and no nominal watts are configured</source>
        <translation>energin mättes inte och ingen nominell effekt är inställd</translation>
    </message>
    <message>
        <source>the endpoint has no price per million tokens</source>
        <translation>slutpunkten har inget pris per miljon token</translation>
    </message>
    <message>
        <source>hardware price</source>
        <translation>hårdvarupris</translation>
    </message>
    <message>
        <source>months of life</source>
        <translation>månaders livslängd</translation>
    </message>
    <message>
        <source>price per kWh</source>
        <translation>pris per kWh</translation>
    </message>
    <message>
        <source>PUE (at least 1)</source>
        <translation>PUE (minst 1)</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>valuta</translation>
    </message>
    <message>
        <source>%1: expected a number of 0 or more</source>
        <translation>%1: väntade ett tal som är 0 eller större</translation>
    </message>
    <message>
        <source>the stored on-prem pricing is not a JSON object</source>
        <translation>den lagrade lokala prissättningen är inte ett JSON-objekt</translation>
    </message>
</context>
<context>
    <name>fyr::app::CostReport</name>
    <message>
        <source>the range ends before it starts</source>
        <translation>intervallet slutar innan det börjar</translation>
    </message>
</context>
<context>
    <name>fyr::app::EngineStatus</name>
    <message>
        <source>Engine: idle, no model loaded</source>
        <translation>Motor: vilar, ingen modell inläst</translation>
    </message>
    <message>
        <source>Engine: loading %1…</source>
        <translation>Motor: läser in %1…</translation>
    </message>
    <message>
        <source>Engine: ready, %1</source>
        <translation>Motor: redo, %1</translation>
    </message>
    <message>
        <source>Engine: generating with %1</source>
        <translation>Motor: genererar med %1</translation>
    </message>
    <message>
        <source>Engine: error: %1</source>
        <translation>Motor: fel: %1</translation>
    </message>
</context>
<context>
    <name>fyr::app::EngineWorker</name>
    <message>
        <source>No model is loaded.</source>
        <translation>Ingen modell är inläst.</translation>
    </message>
    <message>
        <source>The prompt has %1 tokens but the context holds %2, with room needed for the answer. Clear the conversation or load the model with a larger context.</source>
        <translation>Prompten har %1 token men kontexten rymmer %2, och svaret behöver också plats. Rensa konversationen eller läs in modellen med en större kontext.</translation>
    </message>
    <message>
        <source>The model cannot take this request: %1.</source>
        <translation>Modellen kan inte ta emot den här förfrågan: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Try again in %n second(s).</source>
        <translation>
            <numerusform>Försök igen om %n sekund.</numerusform>
            <numerusform>Försök igen om %n sekunder.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fyr::app::Housekeeping</name>
    <message>
        <source>The backup %1 was made but could not be recorded in the audit log: %2</source>
        <translation>Säkerhetskopian %1 gjordes men kunde inte registreras i granskningsloggen: %2</translation>
    </message>
    <message>
        <source>The scheduled backup failed: %1</source>
        <translation>Den schemalagda säkerhetskopieringen misslyckades: %1</translation>
    </message>
    <message>
        <source>Old conversations could not be deleted: %1</source>
        <translation>Gamla konversationer kunde inte raderas: %1</translation>
    </message>
    <message>
        <source>Old conversations were deleted but the audit log could not record it: %1</source>
        <translation>Gamla konversationer raderades men granskningsloggen kunde inte registrera det: %1</translation>
    </message>
    <message>
        <source>scheduled backups are off (backup.interval_hours is 0)</source>
        <translation>schemalagda säkerhetskopior är avstängda (backup.interval_hours är 0)</translation>
    </message>
</context>
<context>
    <name>fyr::app::Identity</name>
    <message>
        <source>the first administrator exists already; sign in as an administrator to add users</source>
        <translation>den första administratören finns redan; logga in som administratör för att lägga till användare</translation>
    </message>
    <message>
        <source>a role needs a name</source>
        <translation>en roll behöver ett namn</translation>
    </message>
    <message>
        <source>cannot create the role %1: %2</source>
        <translation>kan inte skapa rollen %1: %2</translation>
    </message>
    <message>
        <source>a user needs a name</source>
        <translation>en användare behöver ett namn</translation>
    </message>
    <message>
        <source>the password is too short (at least 8 characters)</source>
        <translation>lösenordet är för kort (minst 8 tecken)</translation>
    </message>
    <message>
        <source>there is no role %1</source>
        <translation>det finns ingen roll %1</translation>
    </message>
    <message>
        <source>hashing the password failed</source>
        <translation>hashningen av lösenordet misslyckades</translation>
    </message>
    <message>
        <source>cannot create the user %1: %2</source>
        <translation>kan inte skapa användaren %1: %2</translation>
    </message>
    <message>
        <source>there is no user %1</source>
        <translation>det finns ingen användare %1</translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation>fel användarnamn eller lösenord</translation>
    </message>
    <message>
        <source>the account %1 is disabled</source>
        <translation>kontot %1 är inaktiverat</translation>
    </message>
    <message>
        <source>the account %1 is locked after repeated failed sign-ins until %2</source>
        <translation>kontot %1 är låst efter upprepade misslyckade inloggningar till %2</translation>
    </message>
    <message>
        <source>wrong password; the account %1 is now locked until %2</source>
        <translation>fel lösenord; kontot %1 är nu låst till %2</translation>
    </message>
    <message>
        <source>cannot read the database</source>
        <translation>kan inte läsa databasen</translation>
    </message>
    <message>
        <source>there is no user with id %1</source>
        <translation>det finns ingen användare med id %1</translation>
    </message>
    <message>
        <source>a key with the role %1 would have rights its user (role %2) does not have</source>
        <translation>en nyckel med rollen %1 skulle ha rättigheter som dess användare (roll %2) inte har</translation>
    </message>
    <message>
        <source>the system&apos;s random number generator failed</source>
        <translation>systemets slumptalsgenerator misslyckades</translation>
    </message>
    <message>
        <source>unknown API key</source>
        <translation>okänd API-nyckel</translation>
    </message>
    <message>
        <source>this API key was revoked</source>
        <translation>den här API-nyckeln har återkallats</translation>
    </message>
    <message>
        <source>this API key expired on %1</source>
        <translation>den här API-nyckeln gick ut %1</translation>
    </message>
    <message>
        <source>there is no active API key %1</source>
        <translation>det finns ingen aktiv API-nyckel %1</translation>
    </message>
    <message>
        <source>%1 is the last enabled admin</source>
        <translation>%1 är den sista aktiva administratören</translation>
    </message>
    <message>
        <source>%1 is a built-in role; create a custom role instead</source>
        <translation>%1 är en inbyggd roll; skapa en egen roll i stället</translation>
    </message>
</context>
<context>
    <name>fyr::app::Installation</name>
    <message>
        <source>the data passphrase is too short (at least 12 characters)</source>
        <translation>datalösenfrasen är för kort (minst 12 tecken)</translation>
    </message>
    <message>
        <source>%1 is already an installation; nothing was changed</source>
        <translation>%1 är redan en installation; inget ändrades</translation>
    </message>
    <message>
        <source>%1 was left half set up: it has a data key but no administrator, and this passphrase does not open the key (%2). Enter the data passphrase that set-up was started with, or move the file away to start afresh; nothing was changed</source>
        <translation>%1 lämnades halvt konfigurerad: den har en datanyckel men ingen administratör, och den här lösenfrasen öppnar inte nyckeln (%2). Ange datalösenfrasen som konfigurationen påbörjades med, eller flytta bort filen för att börja om; inget ändrades</translation>
    </message>
</context>
<context>
    <name>fyr::app::InstallationSettings</name>
    <message>
        <source>Minutes without a key press or click before the console locks and asks for the password again</source>
        <translation>Minuter utan tangenttryckning eller klick innan konsolen låses och frågar efter lösenordet igen</translation>
    </message>
    <message>
        <source>Delete conversations (and their messages) not updated for this many days; 0: keep them</source>
        <translation>Radera konversationer (och deras meddelanden) som inte uppdaterats på så här många dagar; 0: behåll dem</translation>
    </message>
    <message>
        <source>While the console runs, make an encrypted backup (with the data passphrase) into the installation&apos;s backups folder every this many hours; 0: off</source>
        <translation>Medan konsolen körs, gör en krypterad säkerhetskopia (med datalösenfrasen) i installationens mapp för säkerhetskopior var så här många timmar; 0: av</translation>
    </message>
    <message>
        <source>How many of the newest scheduled backups to keep; older ones are deleted</source>
        <translation>Hur många av de senaste schemalagda säkerhetskopiorna som behålls; äldre raderas</translation>
    </message>
    <message>
        <source>Send each request&apos;s trace to the site&apos;s OpenTelemetry collector (OTLP/HTTP JSON)</source>
        <translation>Skicka varje förfrågans spårning till anläggningens OpenTelemetry-insamlare (OTLP/HTTP JSON)</translation>
    </message>
    <message>
        <source>The collector&apos;s OTLP/HTTP traces URL</source>
        <translation>Insamlarens URL för OTLP/HTTP-spårningar</translation>
    </message>
    <message>
        <source>A file of &quot;Name: value&quot; lines sent as request headers to the collector (its credentials); read when the exporter starts, never logged; empty: none</source>
        <translation>En fil med rader &quot;Namn: värde&quot; som skickas som anropshuvuden till insamlaren (dess inloggningsuppgifter); läses när exporten startar, loggas aldrig; tom: inga</translation>
    </message>
    <message>
        <source>Write every alert change to the system log (facility daemon)</source>
        <translation>Skriv varje larmändring till systemloggen (facility daemon)</translation>
    </message>
    <message>
        <source>POST every alert change as JSON to this URL (on this machine unless remote hosts are allowed); empty: off</source>
        <translation>Skicka (POST) varje larmändring som JSON till den här URL:en (på den här datorn om inte andra värdar tillåts); tom: av</translation>
    </message>
    <message>
        <source>Allow the alert webhook to be on another host of the site, not only on this machine</source>
        <translation>Tillåt att larmets webhook finns på en annan värd på anläggningen, inte bara på den här datorn</translation>
    </message>
    <message>
        <source>%1: expected %2, got &quot;%3&quot;</source>
        <translation>%1: %2 förväntades, fick &quot;%3&quot;</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true eller false</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>ett heltal från %1 till %2</translation>
    </message>
    <message>
        <source>an http:// or https:// URL</source>
        <translation>en http://- eller https://-URL</translation>
    </message>
    <message>
        <source>an http:// or https:// URL with a host</source>
        <translation>en http://- eller https://-URL med en värd</translation>
    </message>
    <message>
        <source>%1: expected a URL without a user name or password in it, got %2</source>
        <translation>%1: en URL utan användarnamn eller lösenord förväntades, fick %2</translation>
    </message>
    <message>
        <source>a value</source>
        <translation>ett värde</translation>
    </message>
    <message>
        <source>at most 4096 characters</source>
        <translation>högst 4096 tecken</translation>
    </message>
    <message>
        <source>one line</source>
        <translation>en rad</translation>
    </message>
    <message>
        <source>the stored value cannot be used, the default is in force: %1</source>
        <translation>det sparade värdet kan inte användas, standardvärdet gäller: %1</translation>
    </message>
    <message>
        <source>there is no setting &quot;%1&quot; (fyrctl settings list shows them)</source>
        <translation>det finns ingen inställning &quot;%1&quot; (fyrctl settings list visar dem)</translation>
    </message>
    <message>
        <source>%1 may not change settings: permission %2 is missing</source>
        <translation>%1 får inte ändra inställningar: behörigheten %2 saknas</translation>
    </message>
    <message>
        <source>%1 was not changed: %2</source>
        <translation>%1 ändrades inte: %2</translation>
    </message>
    <message>
        <source>%1 was changed but the audit entry failed: %2</source>
        <translation>%1 ändrades men granskningsposten misslyckades: %2</translation>
    </message>
</context>
<context>
    <name>fyr::app::KeyRing</name>
    <message>
        <source>the secret is empty</source>
        <translation>hemligheten är tom</translation>
    </message>
    <message>
        <source>the system&apos;s random number generator failed</source>
        <translation>systemets slumptalsgenerator misslyckades</translation>
    </message>
    <message>
        <source>the data key exists already</source>
        <translation>datanyckeln finns redan</translation>
    </message>
    <message>
        <source>wrong passphrase or key file</source>
        <translation>fel lösenfras eller nyckelfil</translation>
    </message>
    <message>
        <source>no data key yet: the store was never initialized</source>
        <translation>ingen datanyckel ännu: lagret har aldrig initierats</translation>
    </message>
    <message>
        <source>not an encrypted value (too short or unknown format)</source>
        <translation>inte ett krypterat värde (för kort eller okänt format)</translation>
    </message>
    <message>
        <source>the encrypted value has been altered or belongs elsewhere (authentication failed)</source>
        <translation>det krypterade värdet har ändrats eller hör hemma någon annanstans (autentiseringen misslyckades)</translation>
    </message>
    <message>
        <source>deriving a key from the secret failed</source>
        <translation>härledningen av en nyckel från hemligheten misslyckades</translation>
    </message>
    <message>
        <source>wrapping the data key failed</source>
        <translation>inkapslingen av datanyckeln misslyckades</translation>
    </message>
    <message>
        <source>this secret opens only older data keys (key %1 is newer): use the secret the key was rotated with</source>
        <translation>denna hemlighet öppnar bara äldre datanycklar (nyckel %1 är nyare): använd hemligheten som nyckeln roterades med</translation>
    </message>
    <message>
        <source>another rotation happened meanwhile; unlock again</source>
        <translation>en annan rotation skedde under tiden; lås upp igen</translation>
    </message>
    <message>
        <source>encrypted under data key %1, which is not unlocked</source>
        <translation>krypterat med datanyckel %1, som inte är upplåst</translation>
    </message>
</context>
<context>
    <name>fyr::app::KeyRotation</name>
    <message>
        <source>%1 row %2: %3</source>
        <translation>%1 rad %2: %3</translation>
    </message>
</context>
<context>
    <name>fyr::app::ModelAccess</name>
    <message>
        <source>a model pattern needs 1 to 256 characters</source>
        <translation>ett modellmönster behöver 1 till 256 tecken</translation>
    </message>
    <message>
        <source>there is no role %1</source>
        <translation>det finns ingen roll %1</translation>
    </message>
    <message>
        <source>the role %1 has no model pattern %2</source>
        <translation>rollen %1 har inget modellmönster %2</translation>
    </message>
    <message>
        <source>the role %1 lacks the permission models.use</source>
        <translation>rollen %1 saknar behörigheten models.use</translation>
    </message>
    <message>
        <source>the role %1 may not use %2 (allowed: %3)</source>
        <translation>rollen %1 får inte använda %2 (tillåtna: %3)</translation>
    </message>
</context>
<context>
    <name>fyr::app::PromptBuilder</name>
    <message>
        <source>There is nothing to answer: the conversation is empty.</source>
        <translation>Det finns inget att svara på: konversationen är tom.</translation>
    </message>
    <message>
        <source>The model&apos;s chat template failed: %1</source>
        <translation>Modellens chattmall misslyckades: %1</translation>
    </message>
    <message>
        <source>There is nothing to answer: the conversation has no user message.</source>
        <translation>Det finns inget att svara på: konversationen har inget meddelande från användaren.</translation>
    </message>
    <message>
        <source>The prompt has no tokens.</source>
        <translation>Prompten har inga token.</translation>
    </message>
</context>
<context>
    <name>fyr::app::Quotas</name>
    <message>
        <source>a quota cannot be negative</source>
        <translation>en kvot kan inte vara negativ</translation>
    </message>
    <message>
        <source>cannot read the database to check quotas</source>
        <translation>kan inte läsa databasen för att kontrollera kvoter</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>användaren %1</translation>
    </message>
    <message>
        <source>API key %1</source>
        <translation>API-nyckel %1</translation>
    </message>
    <message>
        <source>the daily token quota of %1 is used up (%2 of %3 tokens today, this request needs about %4); it resets at %5</source>
        <translation>den dagliga tokenkvoten för %1 är förbrukad (%2 av %3 token i dag, den här begäran behöver ungefär %4); den återställs %5</translation>
    </message>
    <message>
        <source>%1 may make %2 requests per minute and has made %3; the next is allowed at %4</source>
        <translation>%1 får göra %2 begäranden per minut och har gjort %3; nästa tillåts %4</translation>
    </message>
</context>
<context>
    <name>fyr::app::RequestWindow</name>
    <message>
        <source>the window ends before it starts</source>
        <translation>fönstret slutar innan det börjar</translation>
    </message>
</context>
<context>
    <name>fyr::app::Sessions</name>
    <message>
        <source>not signed in (unknown or closed session)</source>
        <translation>inte inloggad (okänd eller stängd session)</translation>
    </message>
    <message>
        <source>the session timed out after %1 minutes without activity; sign in again</source>
        <translation>sessionen gick ut efter %1 minuter utan aktivitet; logga in igen</translation>
    </message>
    <message>
        <source>the session is older than %1 hours; sign in again</source>
        <translation>sessionen är äldre än %1 timmar; logga in igen</translation>
    </message>
</context>
<context>
    <name>fyr::app::Store</name>
    <message>
        <source>migrating the database to version %1 failed: %2</source>
        <translation>migreringen av databasen till version %1 misslyckades: %2</translation>
    </message>
    <message>
        <source>%1: cannot create the folder %2</source>
        <translation>%1: kan inte skapa mappen %2</translation>
    </message>
    <message>
        <source>%1: cannot open the database: %2</source>
        <translation>%1: kan inte öppna databasen: %2</translation>
    </message>
    <message>
        <source>%1: the database is locked by another program (is another Fyr running?): %2</source>
        <translation>%1: databasen är låst av ett annat program (körs en annan Fyr?): %2</translation>
    </message>
    <message>
        <source>%1: cannot read the database: %2</source>
        <translation>%1: kan inte läsa databasen: %2</translation>
    </message>
    <message>
        <source>%1 is damaged (%2). %3</source>
        <translation>%1 är skadad (%2). %3</translation>
    </message>
    <message>
        <source>%1: cannot read the schema version: %2</source>
        <translation>%1: kan inte läsa schemaversionen: %2</translation>
    </message>
    <message>
        <source>%1 has schema version %2, newer than this Fyr understands (%3): open it with a newer Fyr. %4</source>
        <translation>%1 har schemaversion %2, nyare än vad den här Fyr förstår (%3): öppna den med en nyare Fyr. %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2. %3</source>
        <translation>%1: %2. %3</translation>
    </message>
    <message>
        <source>Fyr has not changed the file. Restore a backup (fyrctl backup list, then fyrctl backup restore FILE), or move the file away to start with an empty database.</source>
        <translation>Fyr har inte ändrat filen. Återställ en säkerhetskopia (fyrctl backup list, sedan fyrctl backup restore FIL), eller flytta undan filen för att börja med en tom databas.</translation>
    </message>
</context>
<context>
    <name>fyr::app::TelemetryOutputs</name>
    <message>
        <source>trace export: off</source>
        <translation>spårningsexport: av</translation>
    </message>
    <message>
        <source>alerts to syslog: off</source>
        <translation>larm till syslog: av</translation>
    </message>
    <message>
        <source>alert webhook: off</source>
        <translation>larm-webhook: av</translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation>%1: kan inte läsas: %2</translation>
    </message>
    <message>
        <source>%1: larger than %2 bytes; expected a few header lines</source>
        <translation>%1: större än %2 byte; några rader med huvuden förväntades</translation>
    </message>
    <message>
        <source>%1:%2: expected &quot;Name: value&quot; with a header name of letters, digits and -</source>
        <translation>%1:%2: &quot;Namn: värde&quot; med ett huvudnamn av bokstäver, siffror och - förväntades</translation>
    </message>
    <message>
        <source>%1:%2: header %3 has no value</source>
        <translation>%1:%2: huvudet %3 har inget värde</translation>
    </message>
    <message>
        <source>%1:%2: header %3&apos;s value holds a control character</source>
        <translation>%1:%2: värdet för huvudet %3 innehåller ett styrtecken</translation>
    </message>
    <message>
        <source>%1:%2: more than %3 headers</source>
        <translation>%1:%2: fler än %3 huvuden</translation>
    </message>
    <message>
        <source>trace export: on, to %1</source>
        <translation>spårningsexport: på, till %1</translation>
    </message>
    <message>
        <source>trace export stays off (telemetry.otlp): %1</source>
        <translation>spårningsexporten förblir avstängd (telemetry.otlp): %1</translation>
    </message>
    <message>
        <source>trace export: off (%1)</source>
        <translation>spårningsexport: av (%1)</translation>
    </message>
    <message>
        <source>alerts to syslog: on (facility daemon)</source>
        <translation>larm till syslog: på (facility daemon)</translation>
    </message>
    <message>
        <source>alert webhook: %1</source>
        <translation>larm-webhook: %1</translation>
    </message>
    <message>
        <source>the alert webhook stays off (alerts.webhook.url): %1</source>
        <translation>larmets webhook förblir avstängd (alerts.webhook.url): %1</translation>
    </message>
    <message>
        <source>alert webhook: off (%1)</source>
        <translation>larm-webhook: av (%1)</translation>
    </message>
</context>
<context>
    <name>fyr::app::guard::Classifier</name>
    <message>
        <source>%1: cannot read the guard classifier: %2</source>
        <translation>%1: kan inte läsa vaktens klassificerare: %2</translation>
    </message>
    <message>
        <source>%1: the guard classifier is larger than 64 MiB</source>
        <translation>%1: vaktens klassificerare är större än 64 MiB</translation>
    </message>
    <message>
        <source>not valid JSON at byte %1: %2</source>
        <translation>inte giltig JSON vid byte %1: %2</translation>
    </message>
    <message>
        <source>not a Fyr guard classifier (&quot;format&quot; is not &quot;fyr-guard-classifier&quot;)</source>
        <translation>inte en klassificerare för Fyrs vakt (&quot;format&quot; är inte &quot;fyr-guard-classifier&quot;)</translation>
    </message>
    <message>
        <source>this Fyr reads classifier version 1, not %1</source>
        <translation>denna Fyr läser klassificerare av version 1, inte %1</translation>
    </message>
    <message>
        <source>&quot;bias&quot; must be a number</source>
        <translation>&quot;bias&quot; måste vara ett tal</translation>
    </message>
    <message>
        <source>weights.%1 must be a finite number</source>
        <translation>weights.%1 måste vara ett ändligt tal</translation>
    </message>
</context>
<context>
    <name>fyr::app::guard::Corpus</name>
    <message>
        <source>%1: cannot read the corpus: %2</source>
        <translation>%1: kan inte läsa korpusen: %2</translation>
    </message>
    <message>
        <source>%1: the corpus is larger than 256 MiB</source>
        <translation>%1: korpusen är större än 256 MiB</translation>
    </message>
    <message>
        <source>not valid JSON at column %1: %2</source>
        <translation>inte giltig JSON vid kolumn %1: %2</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>förväntade ett JSON-objekt</translation>
    </message>
    <message>
        <source>&quot;text&quot; must be a string</source>
        <translation>&quot;text&quot; måste vara en sträng</translation>
    </message>
    <message>
        <source>&quot;text&quot; must hold 1 to %1 characters</source>
        <translation>&quot;text&quot; måste ha 1 till %1 tecken</translation>
    </message>
    <message>
        <source>&quot;label&quot; must be &quot;attack&quot; or &quot;benign&quot;, not &quot;%1&quot;</source>
        <translation>&quot;label&quot; måste vara &quot;attack&quot; eller &quot;benign&quot;, inte &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the corpus holds no prompts</source>
        <translation>korpusen innehåller inga prompter</translation>
    </message>
</context>
<context>
    <name>fyr::app::guard::Guard</name>
    <message>
        <source>normalization: %1 invisible character(s), %2 mixed-script word(s)</source>
        <translation>normalisering: %1 osynliga tecken, %2 ord med blandade skriftsystem</translation>
    </message>
    <message>
        <source>%1 eight-word sequence(s) of the system prompt</source>
        <translation>%1 sekvens(er) om åtta ord ur systemprompten</translation>
    </message>
    <message>
        <source>host %1 is not on the allow list</source>
        <translation>värden %1 finns inte på listan över tillåtna</translation>
    </message>
    <message>
        <source>cites %1 (level %2, caller&apos;s clearance %3)</source>
        <translation>citerar %1 (nivå %2, anroparens behörighetsnivå %3)</translation>
    </message>
    <message>
        <source>flagged: %1</source>
        <translation>flaggad: %1</translation>
    </message>
    <message>
        <source>redacted: %1</source>
        <translation>maskerad: %1</translation>
    </message>
    <message>
        <source>blocked by the guard: %1</source>
        <translation>stoppad av vakten: %1</translation>
    </message>
</context>
<context>
    <name>fyr::app::guard::GuardPolicy</name>
    <message>
        <source>%1: cannot read the guard policy: %2</source>
        <translation>%1: kan inte läsa vaktpolicyn: %2</translation>
    </message>
    <message>
        <source>%1: the guard policy is larger than 16 MiB</source>
        <translation>%1: vaktpolicyn är större än 16 MiB</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>förväntade ett JSON-objekt</translation>
    </message>
    <message>
        <source>this Fyr reads guard policy version 1, not %1</source>
        <translation>denna Fyr läser vaktpolicy av version 1, inte %1</translation>
    </message>
    <message>
        <source>expected 0 &lt; flag &lt;= block &lt; 1</source>
        <translation>förväntade 0 &lt; flag &lt;= block &lt; 1</translation>
    </message>
    <message>
        <source>expected one character or U+XXXX</source>
        <translation>förväntade ett tecken eller U+XXXX</translation>
    </message>
    <message>
        <source>expected one character mapped to one letter</source>
        <translation>förväntade ett tecken som avbildas på en bokstav</translation>
    </message>
    <message>
        <source>expected &quot;U+XXXX&quot; or &quot;U+XXXX..U+YYYY&quot;</source>
        <translation>förväntade &quot;U+XXXX&quot; eller &quot;U+XXXX..U+YYYY&quot;</translation>
    </message>
    <message>
        <source>unknown detector &quot;%1&quot; (known: %2)</source>
        <translation>okänd detektor &quot;%1&quot; (kända: %2)</translation>
    </message>
    <message>
        <source>expected an object with &quot;input&quot; and &quot;output&quot;</source>
        <translation>förväntade ett objekt med &quot;input&quot; och &quot;output&quot;</translation>
    </message>
    <message>
        <source>a &quot;default&quot; role policy is required</source>
        <translation>en rollpolicy &quot;default&quot; krävs</translation>
    </message>
    <message>
        <source>expected an array of rules</source>
        <translation>förväntade en lista med regler</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>förväntade ett objekt</translation>
    </message>
    <message>
        <source>a rule needs an &quot;id&quot;</source>
        <translation>en regel behöver ett &quot;id&quot;</translation>
    </message>
    <message>
        <source>a rule needs a &quot;pattern&quot;</source>
        <translation>en regel behöver ett &quot;pattern&quot;</translation>
    </message>
    <message>
        <source>invalid regular expression at offset %1: %2</source>
        <translation>ogiltigt reguljärt uttryck vid position %1: %2</translation>
    </message>
    <message>
        <source>expected an object of category: verdict</source>
        <translation>förväntade ett objekt med kategori: utslag</translation>
    </message>
    <message>
        <source>expected allow, flag, redact or block, not &quot;%1&quot;</source>
        <translation>förväntade allow, flag, redact eller block, inte &quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected an object with a &quot;template&quot; string</source>
        <translation>förväntade ett objekt med en sträng &quot;template&quot;</translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::AmdSysfsProbe</name>
    <message>
        <source>AMD GPU (card%1)</source>
        <translation>AMD-GPU (card%1)</translation>
    </message>
    <message>
        <source>no AMD GPU: no %1/card*/device/gpu_busy_percent</source>
        <translation>ingen AMD-GPU: ingen %1/card*/device/gpu_busy_percent</translation>
    </message>
    <message>
        <source>%1: gone</source>
        <translation>%1: borta</translation>
    </message>
    <message>
        <source>%1: %2 is not a percentage</source>
        <translation>%1: %2 är ingen procentsats</translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::MetricsRegistry</name>
    <message>
        <source>&apos;%1&apos; is not a valid metric name: it must match [a-zA-Z_:][a-zA-Z0-9_:]*</source>
        <translation>&apos;%1&apos; är inget giltigt måttnamn: det måste matcha [a-zA-Z_:][a-zA-Z0-9_:]*</translation>
    </message>
    <message>
        <source>%1: a counter&apos;s name must end in _total</source>
        <translation>%1: en räknares namn måste sluta på _total</translation>
    </message>
    <message>
        <source>%1: the help text is empty</source>
        <translation>%1: hjälptexten är tom</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a valid label name: it must match [a-zA-Z_][a-zA-Z0-9_]* and not begin with __</source>
        <translation>%1: &apos;%2&apos; är inget giltigt etikettnamn: det måste matcha [a-zA-Z_][a-zA-Z0-9_]* och inte börja med __</translation>
    </message>
    <message>
        <source>%1: the label &apos;%2&apos; is named twice</source>
        <translation>%1: etiketten &apos;%2&apos; anges två gånger</translation>
    </message>
    <message>
        <source>%1: a histogram cannot have a label named le</source>
        <translation>%1: ett histogram kan inte ha en etikett som heter le</translation>
    </message>
    <message>
        <source>%1: bucket bounds must be finite and strictly increasing</source>
        <translation>%1: hinkgränserna måste vara ändliga och strikt växande</translation>
    </message>
    <message>
        <source>%1: the name %2 is already registered</source>
        <translation>%1: namnet %2 är redan registrerat</translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::NvmlProbe</name>
    <message>
        <source>%1 not found: %2</source>
        <translation>%1 hittades inte: %2</translation>
    </message>
    <message>
        <source>%1: function %2 missing</source>
        <translation>%1: funktionen %2 saknas</translation>
    </message>
    <message>
        <source>%1 failed: %2 (NVML error %3)</source>
        <translation>%1 misslyckades: %2 (NVML-fel %3)</translation>
    </message>
    <message>
        <source>NVIDIA GPU %1</source>
        <translation>NVIDIA-GPU %1</translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::PowercapEnergy</name>
    <message>
        <source>CPU energy: no powercap interface (%1)</source>
        <translation>CPU-energi: inget powercap-gränssnitt (%1)</translation>
    </message>
    <message>
        <source>CPU energy: %1/intel-rapl:*/energy_uj is readable by root only (grant read access to measure the engine&apos;s energy)</source>
        <translation>CPU-energi: %1/intel-rapl:*/energy_uj kan bara läsas av root (ge läsrätt för att mäta motorns energi)</translation>
    </message>
    <message>
        <source>CPU energy: no RAPL package zones under %1</source>
        <translation>CPU-energi: inga RAPL-paketzoner under %1</translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::ProbeFile</name>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1: kan inte öppna: %2</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1: kan inte läsa: %2</translation>
    </message>
    <message>
        <source>%1: larger than %2 bytes</source>
        <translation>%1: större än %2 byte</translation>
    </message>
    <message>
        <source>%1: empty</source>
        <translation>%1: tom</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a number</source>
        <translation>%1: &apos;%2&apos; är inte ett tal</translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::SeriesCsv</name>
    <message>
        <source>CSV output</source>
        <translation>CSV-utdata</translation>
    </message>
    <message>
        <source>%1: not open for writing</source>
        <translation>%1: inte öppen för skrivning</translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1: kan inte öppna: %2</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1: kan inte skriva: %2</translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::SeriesDownsampler</name>
    <message>
        <source>Could not record the time series: %1</source>
        <translation>Kunde inte spara tidsserien: %1</translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::SeriesQuery</name>
    <message>
        <source>Could not read the stored time series: %1</source>
        <translation>Kunde inte läsa den lagrade tidsserien: %1</translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::SeriesStatement</name>
    <message>
        <source>database error: %1</source>
        <translation>databasfel: %1</translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::SystemProbe</name>
    <message>
        <source>%1: no valid &apos;%2&apos; line</source>
        <translation>%1: ingen giltig &apos;%2&apos;-rad</translation>
    </message>
</context>
<context>
    <name>fyr::app::telemetry::VulkanMemoryProbe</name>
    <message>
        <source>Vulkan: %1</source>
        <translation>Vulkan: %1</translation>
    </message>
    <message>
        <source>memory in use unknown: the driver lacks VK_EXT_memory_budget (the total is the heaps&apos; size)</source>
        <translation>använt minne okänt: drivrutinen saknar VK_EXT_memory_budget (totalen är minneshögarnas storlek)</translation>
    </message>
</context>
<context>
    <name>fyr::ui::CatalogEditor</name>
    <message>
        <source>GPUs</source>
        <translation>GPU:er</translation>
    </message>
    <message>
        <source>Cloud instances</source>
        <translation>Molninstanser</translation>
    </message>
    <message>
        <source>API prices</source>
        <translation>API-priser</translation>
    </message>
    <message>
        <source>New row</source>
        <translation>Ny rad</translation>
    </message>
    <message>
        <source>Empty the form for a new site row.</source>
        <translation>Töm formuläret för en ny anläggningsrad.</translation>
    </message>
    <message>
        <source>Save as site row</source>
        <translation>Spara som anläggningsrad</translation>
    </message>
    <message>
        <source>Store the form as the site&apos;s own row (Ctrl+S); it replaces a built-in row of the same id. Needs settings.manage and is recorded in the audit log.</source>
        <translation>Spara formuläret som anläggningens egen rad (Ctrl+S); den ersätter en inbyggd rad med samma id. Kräver settings.manage och registreras i granskningsloggen.</translation>
    </message>
    <message>
        <source>Remove site row</source>
        <translation>Ta bort anläggningsrad</translation>
    </message>
    <message>
        <source>Remove the selected site row; a built-in row it replaced is in force again.</source>
        <translation>Ta bort den valda anläggningsraden; en inbyggd rad som den ersatte gäller igen.</translation>
    </message>
    <message>
        <source>%1 (optional)</source>
        <translation>%1 (valfritt)</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>inbyggd</translation>
    </message>
    <message>
        <source>site</source>
        <translation>anläggning</translation>
    </message>
    <message>
        <source>site (replaces built-in)</source>
        <translation>anläggning (ersätter inbyggd)</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Ursprung</translation>
    </message>
    <message>
        <source>The site&apos;s %1 has problems; the catalog is not in force until they are put right:
%2</source>
        <translation>Anläggningens %1 har problem; katalogen gäller inte förrän de är åtgärdade:
%2</translation>
    </message>
    <message>
        <source>%1 may not change the price catalog: it needs the permission settings.manage.</source>
        <translation>%1 får inte ändra priskatalogen: det kräver behörigheten settings.manage.</translation>
    </message>
    <message>
        <source>%1 saved: the site&apos;s row is in force.</source>
        <translation>%1 sparad: anläggningens rad gäller.</translation>
    </message>
    <message>
        <source>%1 removed from the site&apos;s catalog: the built-in row is in force again.</source>
        <translation>%1 borttagen ur anläggningens katalog: den inbyggda raden gäller igen.</translation>
    </message>
    <message>
        <source>%1 removed from the site&apos;s catalog.</source>
        <translation>%1 borttagen ur anläggningens katalog.</translation>
    </message>
    <message>
        <source>%1 may read the price catalog; changing it needs the permission settings.manage.</source>
        <translation>%1 får läsa priskatalogen; att ändra den kräver behörigheten settings.manage.</translation>
    </message>
</context>
<context>
    <name>fyr::ui::ChatFormat</name>
    <message>
        <source>%1 parameters</source>
        <translation>%1 parametrar</translation>
    </message>
    <message>
        <source>context %1</source>
        <translation>kontext %1</translation>
    </message>
    <message>
        <source>no chat template</source>
        <translation>ingen chattmall</translation>
    </message>
    <message>
        <source>length limit</source>
        <translation>längdgräns</translation>
    </message>
    <message>
        <source>end of answer</source>
        <translation>svaret slut</translation>
    </message>
    <message>
        <source>stop string</source>
        <translation>stoppsträng</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stoppad</translation>
    </message>
    <message>
        <source>context full</source>
        <translation>kontexten full</translation>
    </message>
    <message>
        <source>TTFT %1 ms · %2 tok/s · %3 tokens · %4</source>
        <translation>TTFT %1 ms · %2 token/s · %3 token · %4</translation>
    </message>
    <message>
        <source>prompt %1 tokens at %2 tok/s, %3 cached</source>
        <translation>prompt %1 token med %2 token/s, %3 från cachen</translation>
    </message>
    <message>
        <source>stopped by the guard</source>
        <translation>stoppat av vakten</translation>
    </message>
    <message>
        <source>guard %1 ms</source>
        <translation>vakt %1 ms</translation>
    </message>
</context>
<context>
    <name>fyr::ui::ChatPage</name>
    <message>
        <source>Chat</source>
        <translation>Chatt</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>Öppna modell…</translation>
    </message>
    <message>
        <source>Load a GGUF model file (%1)</source>
        <translation>Läs in en GGUF-modellfil (%1)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Rensa</translation>
    </message>
    <message>
        <source>Start a new conversation (%1)</source>
        <translation>Börja en ny konversation (%1)</translation>
    </message>
    <message>
        <source>&amp;Max tokens:</source>
        <translation>&amp;Max antal token:</translation>
    </message>
    <message>
        <source>The most tokens an answer may have.</source>
        <translation>Det största antalet token ett svar får ha.</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>&amp;Temperatur:</translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>girig</translation>
    </message>
    <message>
        <source>Higher values give more varied answers; at 0 (greedy) the most likely token is always taken.</source>
        <translation>Högre värden ger mer varierade svar; vid 0 (girig) väljs alltid den mest sannolika token.</translation>
    </message>
    <message>
        <source>Message the model. Enter sends, Shift+Enter starts a new line.</source>
        <translation>Skriv till modellen. Enter skickar, Skift+Enter börjar en ny rad.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Skicka</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppa</translation>
    </message>
    <message>
        <source>Stop the answer (Esc)</source>
        <translation>Stoppa svaret (Esc)</translation>
    </message>
    <message>
        <source>Ready when you are</source>
        <translation>Redo när du är</translation>
    </message>
    <message>
        <source>Type a message below and press Enter to send it; Shift+Enter starts a new line. Esc stops an answer and Ctrl+L clears the conversation.</source>
        <translation>Skriv ett meddelande nedan och tryck Enter för att skicka det; Skift+Enter börjar en ny rad. Esc stoppar ett svar och Ctrl+L rensar konversationen.</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Ingen modell inläst</translation>
    </message>
    <message>
        <source>Open a GGUF model file with “Open model…” or Ctrl+O to chat with it here. Answers stream in as they are generated, with the time to first token and tokens per second under each one.</source>
        <translation>Öppna en GGUF-modellfil med ”Öppna modell…” eller Ctrl+O för att chatta med den här. Svaren visas medan de genereras, med tiden till första token och token per sekund under vart och ett.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Läser in %1…</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>Ingen modell inläst.</translation>
    </message>
    <message>
        <source>Could not load the model: %1</source>
        <translation>Modellen kunde inte läsas in: %1</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>Öppna en modell</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF-modeller (*.gguf);;Alla filer (*)</translation>
    </message>
    <message>
        <source>The session is locked; sign in again to send.</source>
        <translation>Sessionen är låst; logga in igen för att skicka.</translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3</source>
        <translation>%1 (roll %2) saknar behörigheten %3</translation>
    </message>
</context>
<context>
    <name>fyr::ui::DashboardsPage</name>
    <message>
        <source>Dashboards</source>
        <translation>Instrumentpaneler</translation>
    </message>
    <message>
        <source>Telemetry is off</source>
        <translation>Telemetrin är avstängd</translation>
    </message>
    <message>
        <source>This window was started without its telemetry service, so there are no GPU, host or engine figures to show and no alerts to raise.</source>
        <translation>Det här fönstret startades utan sin telemetritjänst, så det finns inga siffror för GPU, dator eller motor att visa och inga larm att utlösa.</translation>
    </message>
    <message>
        <source>Waiting for the first reading</source>
        <translation>Väntar på den första avläsningen</translation>
    </message>
    <message>
        <source>The dashboards show each GPU, the host and the engine as soon as the probes have taken their first reading, which happens within a second or two of starting.</source>
        <translation>Instrumentpanelerna visar varje GPU, datorn och motorn så snart sonderna har gjort sin första avläsning, vilket sker inom en eller två sekunder efter starten.</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Enheter</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Motor</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagram</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Larm</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Fönster:</translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation>Senaste 5 minuterna</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Senaste timmen</translation>
    </message>
    <message>
        <source>Chart window</source>
        <translation>Diagrammets tidsfönster</translation>
    </message>
    <message>
        <source>GPU utilization (%)</source>
        <translation>GPU-användning (%)</translation>
    </message>
    <message>
        <source>GPU utilization chart</source>
        <translation>Diagram över GPU-användning</translation>
    </message>
    <message>
        <source>Generated tokens per second</source>
        <translation>Genererade token per sekund</translation>
    </message>
    <message>
        <source>Tokens per second chart</source>
        <translation>Diagram över token per sekund</translation>
    </message>
    <message>
        <source>Mean time to first token (s)</source>
        <translation>Medeltid till första token (s)</translation>
    </message>
    <message>
        <source>Time to first token chart</source>
        <translation>Diagram över tid till första token</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Allvarlighet</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sedan</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>Kvitterat av</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sammanfattning</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>Öppna larm</translation>
    </message>
    <message>
        <source>Runbook</source>
        <translation>Åtgärdsplan</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Kvittera</translation>
    </message>
    <message>
        <source>Acknowledge the selected alert (%1)</source>
        <translation>Kvittera det valda larmet (%1)</translation>
    </message>
    <message>
        <source>Acknowledge alert</source>
        <translation>Kvittera larm</translation>
    </message>
    <message>
        <source>Engine figures</source>
        <translation>Motorns siffror</translation>
    </message>
    <message>
        <source>Probes not available</source>
        <translation>Sonder som inte är tillgängliga</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>rapporteras inte</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 W</source>
        <translation>%1 W</translation>
    </message>
    <message>
        <source>GPU %1 (%2)</source>
        <translation>GPU %1 (%2)</translation>
    </message>
    <message>
        <source>Not answering: %1</source>
        <translation>Svarar inte: %1</translation>
    </message>
    <message>
        <source>Utilization: %1</source>
        <translation>Användning: %1</translation>
    </message>
    <message>
        <source>Memory: %1 of %2</source>
        <translation>Minne: %1 av %2</translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation>Minne: %1</translation>
    </message>
    <message>
        <source>Temperature: %1</source>
        <translation>Temperatur: %1</translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
    </message>
    <message>
        <source>Power: %1 of %2</source>
        <translation>Effekt: %1 av %2</translation>
    </message>
    <message>
        <source>Power: %1</source>
        <translation>Effekt: %1</translation>
    </message>
    <message>
        <source>Energy per token: %1 J</source>
        <translation>Energi per token: %1 J</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Den här datorn</translation>
    </message>
    <message>
        <source>CPU: %1</source>
        <translation>CPU: %1</translation>
    </message>
    <message numerus="yes">
        <source>Fyr: %1 in %n thread(s)</source>
        <translation>
            <numerusform>Fyr: %1 i %n tråd</numerusform>
            <numerusform>Fyr: %1 i %n trådar</numerusform>
        </translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Inte tillgänglig: %1</translation>
    </message>
    <message>
        <source>Alert rules not loaded: %1</source>
        <translation>Larmreglerna lästes inte in: %1</translation>
    </message>
    <message>
        <source>Requests running: %1, waiting: %2</source>
        <translation>Förfrågningar som körs: %1, väntar: %2</translation>
    </message>
    <message>
        <source>KV cache in use: %1 %</source>
        <translation>KV-cache i bruk: %1 %</translation>
    </message>
    <message>
        <source>KV cache in use: no model loaded</source>
        <translation>KV-cache i bruk: ingen modell inläst</translation>
    </message>
    <message>
        <source>Generated tokens per second: %1</source>
        <translation>Genererade token per sekund: %1</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Memory bandwidth achieved: %1 (%2 % of the peak)</source>
        <translation>Uppnådd minnesbandbredd: %1 (%2 % av toppen)</translation>
    </message>
    <message>
        <source>Memory bandwidth achieved: %1</source>
        <translation>Uppnådd minnesbandbredd: %1</translation>
    </message>
    <message numerus="yes">
        <source>Time to first token, p95 over 5 min: %1 s (%n answer(s))</source>
        <translation>
            <numerusform>Tid till första token, p95 över 5 min: %1 s (%n svar)</numerusform>
            <numerusform>Tid till första token, p95 över 5 min: %1 s (%n svar)</numerusform>
        </translation>
    </message>
    <message>
        <source>Time to first token, p95 over 5 min: no answers</source>
        <translation>Tid till första token, p95 över 5 min: inga svar</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritiskt</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Varning</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>No open alerts.</source>
        <translation>Inga öppna larm.</translation>
    </message>
    <message>
        <source>Runbook: %1</source>
        <translation>Åtgärdsplan: %1</translation>
    </message>
    <message>
        <source>Alert history</source>
        <translation>Larmhistorik</translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation>Senaste förfrågningar</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Öppnat</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Upphört</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Kvitterat</translation>
    </message>
    <message>
        <source>An alert could not be recorded: %1</source>
        <translation>Ett larm kunde inte registreras: %1</translation>
    </message>
    <message>
        <source>The alert history could not be read: %1</source>
        <translation>Larmhistoriken kunde inte läsas: %1</translation>
    </message>
    <message>
        <source>%1 (opened as %2)</source>
        <translation>%1 (öppnat som %2)</translation>
    </message>
    <message>
        <source>open</source>
        <translation>öppet</translation>
    </message>
    <message>
        <source>%1, closed at restart</source>
        <translation>%1, stängt vid omstart</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 kl. %2</translation>
    </message>
    <message>
        <source>No alerts so far.</source>
        <translation>Inga larm hittills.</translation>
    </message>
    <message numerus="yes">
        <source>The latest %n alert(s), newest first.</source>
        <translation>
            <numerusform>Det senaste larmet.</numerusform>
            <numerusform>De senaste %n larmen, nyaste först.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fyr::ui::DeploymentsPage</name>
    <message>
        <source>Deployments</source>
        <translation>Driftsättningar</translation>
    </message>
    <message>
        <source>No deployment plans</source>
        <translation>Inga driftsättningsplaner</translation>
    </message>
    <message>
        <source>The deployment wizards will plan cloud, on-premises and hybrid deployments: hardware, capacity, cost and the configuration to hand over.</source>
        <translation>Guiderna för driftsättning planerar moln-, lokala och hybrida driftsättningar: hårdvara, kapacitet, kostnad och konfigurationen att lämna över.</translation>
    </message>
</context>
<context>
    <name>fyr::ui::FirstStartDialog</name>
    <message>
        <source>Create the Fyr installation</source>
        <translation>Skapa Fyr-installationen</translation>
    </message>
    <message>
        <source>There is no installation at %1 yet. Choose the first administrator and the data passphrase that protects conversations and the audit trail; without the passphrase the data cannot be read, so keep it safe.</source>
        <translation>Det finns ingen installation i %1 än. Välj den första administratören och datalösenfrasen som skyddar konversationerna och granskningsloggen; utan lösenfrasen kan data inte läsas, så förvara den säkert.</translation>
    </message>
    <message>
        <source>&amp;Administrator:</source>
        <translation>&amp;Administratör:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>Lösenordet &amp;igen:</translation>
    </message>
    <message>
        <source>&amp;Data passphrase:</source>
        <translation>&amp;Datalösenfras:</translation>
    </message>
    <message>
        <source>Data passphrase a&amp;gain:</source>
        <translation>Datalösenfrasen i&amp;gen:</translation>
    </message>
    <message>
        <source>Deriving the keys…</source>
        <translation>Härleder nycklarna…</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Skapa</translation>
    </message>
    <message>
        <source>the passwords do not match</source>
        <translation>lösenorden stämmer inte överens</translation>
    </message>
    <message>
        <source>the data passphrases do not match</source>
        <translation>datalösenfraserna stämmer inte överens</translation>
    </message>
</context>
<context>
    <name>fyr::ui::MainWindow</name>
    <message>
        <source>%1 — Fyr</source>
        <translation>%1 — Fyr</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Språk</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>&amp;About Fyr</source>
        <translation>&amp;Om Fyr</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Om &amp;Qt</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>CPU: %1 · CUDA %2 · Vulkan %3</source>
        <translation>CPU: %1 · CUDA %2 · Vulkan %3</translation>
    </message>
    <message>
        <source>on</source>
        <translation>på</translation>
    </message>
    <message>
        <source>off</source>
        <translation>av</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Fyr %1&lt;/h3&gt;&lt;p&gt;A console for running AI chatbots on your own hardware.&lt;/p&gt;&lt;pre&gt;%2&lt;/pre&gt;</source>
        <translation>&lt;h3&gt;Fyr %1&lt;/h3&gt;&lt;p&gt;En konsol för att köra AI-chattbottar på din egen hårdvara.&lt;/p&gt;&lt;pre&gt;%2&lt;/pre&gt;</translation>
    </message>
    <message>
        <source>About Fyr</source>
        <translation>Om Fyr</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Inloggad som %1 (%2)</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Inte inloggad</translation>
    </message>
    <message>
        <source>Locked. Sign in as %1 again to go on.</source>
        <translation>Låst. Logga in som %1 igen för att fortsätta.</translation>
    </message>
</context>
<context>
    <name>fyr::ui::ModelsPage</name>
    <message>
        <source>Models</source>
        <translation>Modeller</translation>
    </message>
    <message>
        <source>No models in the registry</source>
        <translation>Inga modeller i registret</translation>
    </message>
    <message>
        <source>The model registry will list the GGUF models imported from disk, with their architecture, size, quantization and memory needs, and let you load, unload and check them.</source>
        <translation>Modellregistret listar GGUF-modellerna som importerats från disk, med arkitektur, storlek, kvantisering och minnesbehov, och låter dig läsa in, ta ur och kontrollera dem.</translation>
    </message>
</context>
<context>
    <name>fyr::ui::OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Översikt</translation>
    </message>
    <message>
        <source>Nothing is running yet</source>
        <translation>Inget körs än</translation>
    </message>
    <message>
        <source>The overview will show the engine&apos;s state, the loaded models, requests per minute, time to first token, GPU use and the latest alerts and security events, at a glance.</source>
        <translation>Översikten visar motorns tillstånd, inlästa modeller, förfrågningar per minut, tid till första token, GPU-användning och de senaste larmen och säkerhetshändelserna, i en blick.</translation>
    </message>
</context>
<context>
    <name>fyr::ui::RecentRequestsView</name>
    <message>
        <source>error: %1</source>
        <translation>fel: %1</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Startad</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Förfrågan</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Tid (ms)</translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation>Token in</translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation>Token ut</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Slut</translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation>Senaste förfrågningar</translation>
    </message>
    <message>
        <source>No requests yet. Each answer from the Chat page appears here with its timeline.</source>
        <translation>Inga förfrågningar än. Varje svar från chattsidan visas här med sin tidslinje.</translation>
    </message>
    <message>
        <source>Show timeline</source>
        <translation>Visa tidslinje</translation>
    </message>
    <message>
        <source>Show the selected request&apos;s spans on a time axis (Enter)</source>
        <translation>Visa den valda förfrågans spann på en tidsaxel (Enter)</translation>
    </message>
    <message>
        <source>KV peak (MiB)</source>
        <translation>KV-topp (MiB)</translation>
    </message>
</context>
<context>
    <name>fyr::ui::SecurityPage</name>
    <message>
        <source>Security</source>
        <translation>Säkerhet</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Inte inloggad</translation>
    </message>
    <message>
        <source>Sign in to see the security events raised by the guards and quotas and to verify the tamper-evident audit trail.</source>
        <translation>Logga in för att se säkerhetshändelserna från skydden och kvoterna och för att verifiera den manipuleringssäkra granskningsloggen.</translation>
    </message>
    <message>
        <source>Verify audit chain</source>
        <translation>Verifiera granskningskedjan</translation>
    </message>
    <message>
        <source>Check every audit entry&apos;s HMAC, the chain and the head checkpoint (needs audit.view).</source>
        <translation>Kontrollera varje granskningspost HMAC, kedjan och huvudkontrollpunkten (kräver audit.view).</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Allvarlighet</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <source>OWASP</source>
        <translation>OWASP</translation>
    </message>
    <message>
        <source>Excerpt</source>
        <translation>Utdrag</translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3 or %4 to see security events.</source>
        <translation>%1 (roll %2) saknar behörigheten %3 eller %4 för att se säkerhetshändelser.</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Förfrågan %1</translation>
    </message>
    <message>
        <source>No security events.</source>
        <translation>Inga säkerhetshändelser.</translation>
    </message>
    <message numerus="yes">
        <source>%n recent security event(s), newest first.</source>
        <translation>
            <numerusform>%n säkerhetshändelse, nyaste först.</numerusform>
            <numerusform>%n säkerhetshändelser, nyaste först.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3</source>
        <translation>%1 (roll %2) saknar behörigheten %3</translation>
    </message>
    <message numerus="yes">
        <source>The audit chain holds: %n entries, chain and head checkpoint verified.</source>
        <translation>
            <numerusform>Granskningskedjan håller: %n post, kedjan och huvudkontrollpunkten verifierade.</numerusform>
            <numerusform>Granskningskedjan håller: %n poster, kedjan och huvudkontrollpunkten verifierade.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit chain is NOT intact: first bad entry %1: %2</source>
        <translation>Granskningskedjan är INTE intakt: första felaktiga post %1: %2</translation>
    </message>
</context>
<context>
    <name>fyr::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Inte inloggad</translation>
    </message>
    <message>
        <source>Sign in to see the installation&apos;s settings: the session timeout, where request traces are exported and where alerts are sent.</source>
        <translation>Logga in för att se installationens inställningar: sessionens tidsgräns, vart förfrågningarnas spårningar exporteras och vart larm skickas.</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Inställning</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Läge</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>Installation</translation>
    </message>
    <message>
        <source>Price catalog</source>
        <translation>Priskatalog</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Verkställ</translation>
    </message>
    <message>
        <source>Store the new value (Ctrl+S); needs settings.manage and is recorded in the audit log.</source>
        <translation>Spara det nya värdet (Ctrl+S); kräver settings.manage och registreras i granskningsloggen.</translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation>Återställ standardvärde</translation>
    </message>
    <message>
        <source>On</source>
        <translation>På</translation>
    </message>
    <message>
        <source>The settings could not be read: %1</source>
        <translation>Inställningarna kunde inte läsas: %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(tomt)</translation>
    </message>
    <message>
        <source>default</source>
        <translation>standard</translation>
    </message>
    <message>
        <source>changed %1</source>
        <translation>ändrad %1</translation>
    </message>
    <message>
        <source>empty: off</source>
        <translation>tomt: av</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 är nu %2.</translation>
    </message>
    <message>
        <source>%1 is back to its default.</source>
        <translation>%1 har återställts till sitt standardvärde.</translation>
    </message>
    <message>
        <source>%1 may read the settings; changing them needs the permission settings.manage.</source>
        <translation>%1 får läsa inställningarna; att ändra dem kräver behörigheten settings.manage.</translation>
    </message>
    <message>
        <source>Outputs now: %1</source>
        <translation>Utdata nu: %1</translation>
    </message>
</context>
<context>
    <name>fyr::ui::SignInDialog</name>
    <message>
        <source>Sign in to the installation at %1.</source>
        <translation>Logga in på installationen i %1.</translation>
    </message>
    <message numerus="yes">
        <source>The session was locked after %n minute(s) without activity. Enter the password to go on.</source>
        <translation>
            <numerusform>Sessionen låstes efter %n minut utan aktivitet. Ange lösenordet för att fortsätta.</numerusform>
            <numerusform>Sessionen låstes efter %n minuter utan aktivitet. Ange lösenordet för att fortsätta.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign in to Fyr</source>
        <translation>Logga in i Fyr</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Användare:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <source>&amp;Data passphrase:</source>
        <translation>&amp;Datalösenfras:</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Kontrollerar…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Logga in</translation>
    </message>
    <message>
        <source>%1

The database is %2. Nothing was changed. To go back to a backup, quit Fyr and run:
  fyrctl backup restore BACKUP-FILE --db %2
(the current file is kept beside it).</source>
        <translation>%1

Databasen är %2. Inget ändrades. För att gå tillbaka till en säkerhetskopia, avsluta Fyr och kör:
  fyrctl backup restore SÄKERHETSKOPIA --db %2
(den nuvarande filen behålls bredvid).</translation>
    </message>
</context>
<context>
    <name>fyr::ui::TraceTimelineDialog</name>
    <message>
        <source>Request timeline</source>
        <translation>Förfrågans tidslinje</translation>
    </message>
    <message>
        <source>Timeline of request %1</source>
        <translation>Tidslinje för förfrågan %1</translation>
    </message>
    <message>
        <source>The trace of request %1 is no longer kept: the console keeps only the traces of the most recent requests (at most %2).</source>
        <translation>Spårningen av förfrågan %1 finns inte längre kvar: konsolen behåller bara spårningarna av de senaste förfrågningarna (högst %2).</translation>
    </message>
</context>
<context>
    <name>fyr::ui::TraceTimelineModel</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fel: %1</translation>
    </message>
    <message>
        <source>Starts at %1 ms, takes %2 ms</source>
        <translation>Börjar vid %1 ms, tar %2 ms</translation>
    </message>
    <message>
        <source>from %1 ms to %2 ms</source>
        <translation>från %1 ms till %2 ms</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>Spann</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Tidslinje</translation>
    </message>
    <message>
        <source>Start (ms)</source>
        <translation>Start (ms)</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Tid (ms)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attribut</translation>
    </message>
</context>
<context>
    <name>fyr::ui::TraceTimelineView</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Model asked for</source>
        <translation>Begärd modell</translation>
    </message>
    <message>
        <source>Model that answered</source>
        <translation>Modell som svarade</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Högst antal token</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Response id</source>
        <translation>Svars-id</translation>
    </message>
    <message>
        <source>Finish reason</source>
        <translation>Orsak till slut</translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation>Token in</translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation>Token ut</translation>
    </message>
    <message>
        <source>Error type</source>
        <translation>Feltyp</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradress</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Förfrågans id</translation>
    </message>
    <message>
        <source>Guard direction</source>
        <translation>Skyddets riktning</translation>
    </message>
    <message>
        <source>Guard verdict</source>
        <translation>Skyddets utslag</translation>
    </message>
    <message>
        <source>Batch tokens</source>
        <translation>Token i satsen</translation>
    </message>
    <message>
        <source>Reused prefix tokens</source>
        <translation>Återanvända prefixtoken</translation>
    </message>
    <message>
        <source>%1: starts at %2 ms, takes %3 ms</source>
        <translation>%1: börjar vid %2 ms, tar %3 ms</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <source>Spans of the request</source>
        <translation>Förfrågans spann</translation>
    </message>
    <message>
        <source>Attributes of the selected span</source>
        <translation>Det valda spannets attribut</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Förfrågan %1</translation>
    </message>
    <message>
        <source>trace %1</source>
        <translation>spårning %1</translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n spann</numerusform>
            <numerusform>%n spann</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms in all</source>
        <translation>%1 ms totalt</translation>
    </message>
    <message>
        <source>KV cache peak (bytes)</source>
        <translation>KV-cachens topp (byte)</translation>
    </message>
</context>
<context>
    <name>fyr::ui::TranscriptView</name>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Show how this request went: queue, prefill, decode and streaming, with their times</source>
        <translation>Visa hur förfrågan gick: kö, förifyllnad, avkodning och strömning, med sina tider</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Tidslinje</translation>
    </message>
</context>
<context>
    <name>fyrctl</name>
    <message>
        <source>Usage: fyrctl [global options] &lt;command&gt; [options]

</source>
        <translation>Användning: fyrctl [globala flaggor] &lt;kommando&gt; [flaggor]

</translation>
    </message>
    <message>
        <source>Commands:
</source>
        <translation>Kommandon:
</translation>
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
        <translation>
Globala flaggor:
  -h, --help           Visa denna hjälp (eller ett kommandos: fyrctl &lt;kommando&gt; --help)
  -V, --version        Samma som kommandot version
  --log-level NIVÅ     debug, info, warning eller critical (standard: info)
  --log-json           Skriv loggrader till stderr som JSON-objekt
  --log-rules REGLER   Regler för loggkategorier, t.ex. &quot;fyr.engine.debug=true&quot;
</translation>
    </message>
    <message>
        <source>fyrctl: unknown command &apos;%1&apos;. Run &apos;fyrctl --help&apos; for the list.
</source>
        <translation>fyrctl: okänt kommando &apos;%1&apos;. Kör &apos;fyrctl --help&apos; för listan.
</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Visa denna hjälp.</translation>
    </message>
    <message>
        <source>Run &apos;%1 --help&apos; for the options.
</source>
        <translation>Kör &apos;%1 --help&apos; för flaggorna.
</translation>
    </message>
    <message>
        <source>Show version, commit, backends and CPU features</source>
        <translation>Visa version, commit, backend och CPU-funktioner</translation>
    </message>
    <message>
        <source>List compute backends and devices; --self-test runs a kernel on each</source>
        <translation>Lista beräkningsbackend och enheter; --self-test kör en kärna på var och en</translation>
    </message>
    <message>
        <source>Print as JSON.</source>
        <translation>Skriv ut som JSON.</translation>
    </message>
    <message>
        <source>Run a small compute kernel on each GPU device and check its result.</source>
        <translation>Kör en liten beräkningskärna på varje GPU-enhet och kontrollera resultatet.</translation>
    </message>
    <message>
        <source>List the compute backends and their devices.</source>
        <translation>Lista beräkningsbackend och deras enheter.</translation>
    </message>
    <message>
        <source>not built</source>
        <translation>inte byggd</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>redo</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>inte tillgänglig</translation>
    </message>
    <message>
        <source>self-test passed: %1</source>
        <translation>självtest godkänt: %1</translation>
    </message>
    <message>
        <source>self-test FAILED: %1</source>
        <translation>självtest MISSLYCKADES: %1</translation>
    </message>
    <message>
        <source>Print the facts as one JSON object.</source>
        <translation>Skriv ut uppgifterna som ett JSON-objekt.</translation>
    </message>
    <message>
        <source>Show version, commit, backends and the CPU features detected.</source>
        <translation>Visa version, commit, backend och de CPU-funktioner som upptäckts.</translation>
    </message>
    <message>
        <source>Show a GGUF model&apos;s architecture, tensors, vocabulary and memory needs</source>
        <translation>Visa en GGUF-modells arkitektur, tensorer, vokabulär och minnesbehov</translation>
    </message>
    <message>
        <source>Context length for the memory estimate (default: the trained context).</source>
        <translation>Kontextlängd för minnesuppskattningen (standard: den tränade kontexten).</translation>
    </message>
    <message>
        <source>A GGUF model file.</source>
        <translation>En GGUF-modellfil.</translation>
    </message>
    <message>
        <source>Show what a GGUF model file holds and how much memory it needs.</source>
        <translation>Visa vad en GGUF-modellfil innehåller och hur mycket minne den behöver.</translation>
    </message>
    <message>
        <source>model:        %1 (GGUF v%2, %3)
</source>
        <translation>modell:       %1 (GGUF v%2, %3)
</translation>
    </message>
    <message>
        <source>architecture: %1%2%3
</source>
        <translation>arkitektur:   %1%2%3
</translation>
    </message>
    <message>
        <source>, file type %1</source>
        <translation>, filtyp %1</translation>
    </message>
    <message>
        <source>parameters:   %1 (%2 of weights)
</source>
        <translation>parametrar:   %1 (%2 vikter)
</translation>
    </message>
    <message>
        <source>%1 × %2 (%3, %4%)</source>
        <translation>%1 × %2 (%3, %4 %)</translation>
    </message>
    <message>
        <source>tensors:      %1
</source>
        <translation>tensorer:     %1
</translation>
    </message>
    <message>
        <source>unsupported:  %1 tensor(s) of a type Fyr cannot compute with, e.g. %2
</source>
        <translation>stöds inte:   %1 tensor(er) av en typ som Fyr inte kan räkna med, t.ex. %2
</translation>
    </message>
    <message>
        <source>shape:        context %1, layers %2, embedding %3, heads %4 (KV %5), head dim %6, feed-forward %7
</source>
        <translation>form:         kontext %1, lager %2, inbäddning %3, huvuden %4 (KV %5), huvuddimension %6, feed-forward %7
</translation>
    </message>
    <message>
        <source>rope base:    %1, RMS norm eps %2
</source>
        <translation>rope-bas:     %1, RMS-norm eps %2
</translation>
    </message>
    <message>
        <source>vocabulary:   %1, %2 tokens%3%4
</source>
        <translation>vokabulär:    %1, %2 token%3%4
</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ingen</translation>
    </message>
    <message>
        <source>llama (SentencePiece)</source>
        <translation>llama (SentencePiece)</translation>
    </message>
    <message>
        <source>gpt2 (byte-level BPE)</source>
        <translation>gpt2 (BPE på bytenivå)</translation>
    </message>
    <message>
        <source>, %1 merges</source>
        <translation>, %1 sammanslagningar</translation>
    </message>
    <message>
        <source>, pre-tokenizer %1</source>
        <translation>, förtokenisering %1</translation>
    </message>
    <message>
        <source>special:      %1
</source>
        <translation>specialtoken: %1
</translation>
    </message>
    <message>
        <source>chat template: %1
</source>
        <translation>chattmall:    %1
</translation>
    </message>
    <message>
        <source>yes (%1)</source>
        <translation>ja (%1)</translation>
    </message>
    <message>
        <source>memory at n_ctx %1:
</source>
        <translation>minne vid n_ctx %1:
</translation>
    </message>
    <message>
        <source>  KV %1: %2 per token, %3 cache + %4 weights = %5
</source>
        <translation>  KV %1: %2 per token, %3 cache + %4 vikter = %5
</translation>
    </message>
    <message>
        <source>Turn text into token ids with a model&apos;s own vocabulary</source>
        <translation>Gör om text till token-id med modellens egen vokabulär</translation>
    </message>
    <message>
        <source>The GGUF model (or vocabulary) file.</source>
        <translation>GGUF-modellfilen (eller vokabulärfilen).</translation>
    </message>
    <message>
        <source>Tokenize the contents of this file.</source>
        <translation>Tokenisera innehållet i denna fil.</translation>
    </message>
    <message>
        <source>Do not add the BOS token.</source>
        <translation>Lägg inte till BOS-token.</translation>
    </message>
    <message>
        <source>Turn special-token texts such as &lt;|im_start|&gt; into their tokens.</source>
        <translation>Gör om texter för specialtoken, som &lt;|im_start|&gt;, till sina token.</translation>
    </message>
    <message>
        <source>Print {&quot;tokens&quot;: [ids], &quot;pieces&quot;: [texts]} as JSON.</source>
        <translation>Skriv ut {&quot;tokens&quot;: [id], &quot;pieces&quot;: [texter]} som JSON.</translation>
    </message>
    <message>
        <source>The text to tokenize.</source>
        <translation>Texten att tokenisera.</translation>
    </message>
    <message>
        <source>Turn text into token ids with a model&apos;s vocabulary.</source>
        <translation>Gör om text till token-id med en modells vokabulär.</translation>
    </message>
    <message>
        <source>-m MODEL is required</source>
        <translation>-m MODELL krävs</translation>
    </message>
    <message>
        <source>give either one TEXT argument or --file F</source>
        <translation>ange antingen ett TEXT-argument eller --file F</translation>
    </message>
    <message>
        <source>Render a chat template to the exact prompt a model sees</source>
        <translation>Återge en chattmall till exakt den prompt en modell ser</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1: kan inte läsas: %2</translation>
    </message>
    <message>
        <source>Use the chat template stored in this GGUF model.</source>
        <translation>Använd chattmallen som finns i denna GGUF-modell.</translation>
    </message>
    <message>
        <source>Use the Jinja chat template in this file.</source>
        <translation>Använd Jinja-chattmallen i denna fil.</translation>
    </message>
    <message>
        <source>JSON file with the messages (an array).</source>
        <translation>JSON-fil med meddelandena (en lista).</translation>
    </message>
    <message>
        <source>JSON file with the tools (an array).</source>
        <translation>JSON-fil med verktygen (en lista).</translation>
    </message>
    <message>
        <source>JSON file with extra template variables (an object).</source>
        <translation>JSON-fil med extra mallvariabler (ett objekt).</translation>
    </message>
    <message>
        <source>End with the assistant&apos;s turn opening.</source>
        <translation>Avsluta med början på assistentens tur.</translation>
    </message>
    <message>
        <source>bos_token for the template (default: the model&apos;s).</source>
        <translation>bos_token för mallen (standard: modellens).</translation>
    </message>
    <message>
        <source>eos_token for the template (default: the model&apos;s).</source>
        <translation>eos_token för mallen (standard: modellens).</translation>
    </message>
    <message>
        <source>Render a test case file (template, messages, tools, frozen clock).</source>
        <translation>Återge en testfallsfil (mall, meddelanden, verktyg, fryst klocka).</translation>
    </message>
    <message>
        <source>Render a chat template to the exact prompt text the model will see.</source>
        <translation>Återge en chattmall till exakt den prompttext modellen kommer att se.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>oväntat argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--case brings its own inputs; only --template may go with it</source>
        <translation>--case har egna indata; bara --template får anges med den</translation>
    </message>
    <message>
        <source>give either -m MODEL or --template FILE</source>
        <translation>ange antingen -m MODELL eller --template FIL</translation>
    </message>
    <message>
        <source>--messages FILE is required</source>
        <translation>--messages FIL krävs</translation>
    </message>
    <message>
        <source>%1 has no chat template (tokenizer.chat_template); pass --template FILE</source>
        <translation>%1 har ingen chattmall (tokenizer.chat_template); ange --template FIL</translation>
    </message>
    <message>
        <source>%1: expected a JSON array of messages</source>
        <translation>%1: väntade en JSON-lista med meddelanden</translation>
    </message>
    <message>
        <source>%1: expected a JSON object of variables</source>
        <translation>%1: väntade ett JSON-objekt med variabler</translation>
    </message>
    <message>
        <source>Run a prompt through a model and print the top logits at every position</source>
        <translation>Kör en prompt genom en modell och skriv ut de högsta logiterna vid varje position</translation>
    </message>
    <message>
        <source>The GGUF model file.</source>
        <translation>GGUF-modellfilen.</translation>
    </message>
    <message>
        <source>The prompt text.</source>
        <translation>Promptens text.</translation>
    </message>
    <message>
        <source>The prompt as comma-separated token ids, used exactly as given.</source>
        <translation>Prompten som kommaseparerade token-id:n, använda precis som de anges.</translation>
    </message>
    <message>
        <source>Do not add the BOS token to the prompt text.</source>
        <translation>Lägg inte till BOS-token till promptens text.</translation>
    </message>
    <message>
        <source>Show the K highest logits per position (default 5).</source>
        <translation>Visa de K högsta logiterna per position (standard 5).</translation>
    </message>
    <message>
        <source>Write the last position&apos;s logits to FILE as little-endian float32.</source>
        <translation>Skriv den sista positionens logiter till FILE som little-endian float32.</translation>
    </message>
    <message>
        <source>Print {&quot;tokens&quot;: [ids], &quot;top&quot;: [[[id, logit], ...] per position]} as JSON.</source>
        <translation>Skriv ut {&quot;tokens&quot;: [ids], &quot;top&quot;: [[[id, logit], ...] per position]} som JSON.</translation>
    </message>
    <message>
        <source>give either -p TEXT or --tokens ID,ID,...</source>
        <translation>ange antingen -p TEXT eller --tokens ID,ID,...</translation>
    </message>
    <message>
        <source>--top needs a positive number</source>
        <translation>--top kräver ett positivt tal</translation>
    </message>
    <message>
        <source>--tokens: &apos;%1&apos; is not a token id</source>
        <translation>--tokens: &apos;%1&apos; är inte ett token-id</translation>
    </message>
    <message>
        <source>the prompt has no tokens</source>
        <translation>prompten har inga token</translation>
    </message>
    <message>
        <source>%1: cannot write: %2
</source>
        <translation>%1: kan inte skriva: %2
</translation>
    </message>
    <message>
        <source>expected exactly one MODEL file</source>
        <translation>väntade exakt en MODELL-fil</translation>
    </message>
    <message>
        <source>--ctx: &apos;%1&apos; is not a positive number</source>
        <translation>--ctx: &apos;%1&apos; är inget positivt tal</translation>
    </message>
    <message>
        <source>Generate text from a prompt, streamed as it comes</source>
        <translation>Generera text från en prompt, strömmad allteftersom</translation>
    </message>
    <message>
        <source>Most tokens to generate (default 128).</source>
        <translation>Högst så många token att generera (standard 128).</translation>
    </message>
    <message>
        <source>Always take the most likely token.</source>
        <translation>Ta alltid den mest sannolika token.</translation>
    </message>
    <message>
        <source>Temperature (default 0.8).</source>
        <translation>Temperatur (standard 0,8).</translation>
    </message>
    <message>
        <source>Top-k (default 40; 0: off).</source>
        <translation>Top-k (standard 40; 0: av).</translation>
    </message>
    <message>
        <source>Top-p (default 0.95; 1: off).</source>
        <translation>Top-p (standard 0,95; 1: av).</translation>
    </message>
    <message>
        <source>Min-p (default 0.05; 0: off).</source>
        <translation>Min-p (standard 0,05; 0: av).</translation>
    </message>
    <message>
        <source>Typical-p (default 1: off).</source>
        <translation>Typical-p (standard 1: av).</translation>
    </message>
    <message>
        <source>Repetition penalty (default 1: off).</source>
        <translation>Upprepningsstraff (standard 1: av).</translation>
    </message>
    <message>
        <source>Tokens the penalties look back over (default 64; -1: all).</source>
        <translation>Antal token som straffen ser tillbaka på (standard 64; -1: alla).</translation>
    </message>
    <message>
        <source>Frequency penalty (default 0).</source>
        <translation>Frekvensstraff (standard 0).</translation>
    </message>
    <message>
        <source>Presence penalty (default 0).</source>
        <translation>Närvarostraff (standard 0).</translation>
    </message>
    <message>
        <source>Random seed (default: a new one each run).</source>
        <translation>Slumpfrö (standard: ett nytt vid varje körning).</translation>
    </message>
    <message>
        <source>Stop before this text (may be repeated).</source>
        <translation>Stanna före denna text (kan anges flera gånger).</translation>
    </message>
    <message>
        <source>Wrap the prompt in the model&apos;s chat template as a user message.</source>
        <translation>Lägg prompten i modellens chattmall som ett användarmeddelande.</translation>
    </message>
    <message>
        <source>Keep generating past end-of-text tokens.</source>
        <translation>Fortsätt generera förbi token för textslut.</translation>
    </message>
    <message>
        <source>Context size (default: prompt + N).</source>
        <translation>Kontextstorlek (standard: prompt + N).</translation>
    </message>
    <message>
        <source>Print the result and timings as one JSON object.</source>
        <translation>Skriv ut resultatet och tiderna som ett JSON-objekt.</translation>
    </message>
    <message>
        <source>Generate text from a prompt, streaming it as it comes.</source>
        <translation>Generera text från en prompt och strömma den allteftersom.</translation>
    </message>
    <message>
        <source>-p TEXT is required</source>
        <translation>-p TEXT krävs</translation>
    </message>
    <message>
        <source>--%1: &apos;%2&apos; is not a number</source>
        <translation>--%1: &apos;%2&apos; är inget tal</translation>
    </message>
    <message>
        <source>--greedy cannot be combined with sampling options</source>
        <translation>--greedy kan inte kombineras med samplingsflaggor</translation>
    </message>
    <message>
        <source>--seed: &apos;%1&apos; is not a whole number</source>
        <translation>--seed: &apos;%1&apos; är inget heltal</translation>
    </message>
    <message>
        <source>-n: expected a number of tokens from 1 up</source>
        <translation>-n: väntade ett antal token från 1 och uppåt</translation>
    </message>
    <message>
        <source>the prompt has %1 tokens but the context holds %2</source>
        <translation>prompten har %1 token men kontexten rymmer %2</translation>
    </message>
    <message>
        <source>%1 prompt tokens at %2 tokens/s, %3 generated at %4 tokens/s, first token after %5 ms (%6)
</source>
        <translation>%1 prompttoken med %2 token/s, %3 genererade med %4 token/s, första token efter %5 ms (%6)
</translation>
    </message>
    <message>
        <source>Write a model with its weights in another type (q8_0, q4_k_m, ...)</source>
        <translation>Skriv en modell med vikterna i en annan typ (q8_0, q4_k_m, ...)</translation>
    </message>
    <message>
        <source>Write a model of any size with random weights and a real vocabulary</source>
        <translation>Skriv en modell av valfri storlek med slumpvikter och en riktig vokabulär</translation>
    </message>
    <message>
        <source>Architecture: llama or qwen2 (default llama).</source>
        <translation>Arkitektur: llama eller qwen2 (standard llama).</translation>
    </message>
    <message>
        <source>Embedding width (required).</source>
        <translation>Inbäddningsbredd (krävs).</translation>
    </message>
    <message>
        <source>Number of layers (required).</source>
        <translation>Antal lager (krävs).</translation>
    </message>
    <message>
        <source>Attention heads (required).</source>
        <translation>Uppmärksamhetshuvuden (krävs).</translation>
    </message>
    <message>
        <source>Key/value heads (default: n-head).</source>
        <translation>Nyckel/värde-huvuden (standard: n-head).</translation>
    </message>
    <message>
        <source>Feed-forward width (required).</source>
        <translation>Bredd för framåtkopplingslagret (krävs).</translation>
    </message>
    <message>
        <source>GGUF file whose vocabulary and chat template are copied (required).</source>
        <translation>GGUF-fil vars vokabulär och chattmall kopieras (krävs).</translation>
    </message>
    <message>
        <source>Weight type: %1 (default f32).</source>
        <translation>Vikttyp: %1 (standard f32).</translation>
    </message>
    <message>
        <source>Random seed (default 0).</source>
        <translation>Slumpfrö (standard 0).</translation>
    </message>
    <message>
        <source>Trained context length to record (default 2048).</source>
        <translation>Tränad kontextlängd att ange i filen (standard 2048).</translation>
    </message>
    <message>
        <source>Do not report each tensor on stderr.</source>
        <translation>Rapportera inte varje tensor på stderr.</translation>
    </message>
    <message>
        <source>The file to write.</source>
        <translation>Filen som ska skrivas.</translation>
    </message>
    <message>
        <source>Write a model with random weights and a real vocabulary, for tests and benchmarks. It loads in Fyr and llama.cpp; the same seed gives the same file. Weights are written as they are made, so any size fits in a little memory.</source>
        <translation>Skriv en modell med slumpvikter och en riktig vokabulär, för tester och prestandamätningar. Den kan läsas in av Fyr och llama.cpp; samma frö ger samma fil. Vikterna skrivs allteftersom de skapas, så vilken storlek som helst ryms i lite minne.</translation>
    </message>
    <message>
        <source>expected exactly one OUT file</source>
        <translation>väntade exakt en OUT-fil</translation>
    </message>
    <message>
        <source>--%1 is required</source>
        <translation>--%1 krävs</translation>
    </message>
    <message>
        <source>--%1: &apos;%2&apos; is not a positive whole number</source>
        <translation>--%1: &apos;%2&apos; är inget positivt heltal</translation>
    </message>
    <message>
        <source>--vocab-from VOCAB.gguf is required</source>
        <translation>--vocab-from VOCAB.gguf krävs</translation>
    </message>
    <message>
        <source>unknown type &apos;%1&apos; (valid types: %2)</source>
        <translation>okänd typ &apos;%1&apos; (giltiga typer: %2)</translation>
    </message>
    <message>
        <source>wrote %1: %2 %3, %4 parameters, %5 in %6 s
</source>
        <translation>skrev %1: %2 %3, %4 parametrar, %5 på %6 s
</translation>
    </message>
    <message>
        <source>Output type: %1.</source>
        <translation>Utdatatyp: %1.</translation>
    </message>
    <message>
        <source>A GGUF model with F32, F16 or BF16 tensors.</source>
        <translation>En GGUF-modell med F32-, F16- eller BF16-tensorer.</translation>
    </message>
    <message>
        <source>Write a model with its weights in another type, as llama-quantize does. Plain types give every weight that type (like llama-quantize --pure); q4_k_s, q4_k_m and q5_k_m give some tensors more bits by llama.cpp&apos;s rules. Norms and biases stay as they are. The file is written as OUT.tmp and renamed when complete.</source>
        <translation>Skriv en modell med vikterna i en annan typ, som llama-quantize gör. Enkla typer ger varje vikt den typen (som llama-quantize --pure); q4_k_s, q4_k_m och q5_k_m ger vissa tensorer fler bitar enligt llama.cpp:s regler. Normer och bias lämnas som de är. Filen skrivs som OUT.tmp och byter namn när den är klar.</translation>
    </message>
    <message>
        <source>expected IN and OUT files</source>
        <translation>väntade filerna IN och OUT</translation>
    </message>
    <message>
        <source>--type is required (one of: %1)</source>
        <translation>--type krävs (en av: %1)</translation>
    </message>
    <message>
        <source>wrote %1: %2, %3 in %4 s
</source>
        <translation>skrev %1: %2, %3 på %4 s
</translation>
    </message>
    <message>
        <source>[%1/%2] %3: %4</source>
        <translation>[%1/%2] %3: %4</translation>
    </message>
    <message>
        <source>%1, copied</source>
        <translation>%1, kopierad</translation>
    </message>
    <message>
        <source>Prompt tokens per run (default 512; 0: skip).</source>
        <translation>Prompttoken per körning (standard 512; 0: hoppa över).</translation>
    </message>
    <message>
        <source>Generated tokens per run (default 128; 0: skip).</source>
        <translation>Genererade token per körning (standard 128; 0: hoppa över).</translation>
    </message>
    <message>
        <source>Runs of each test (default 5).</source>
        <translation>Körningar av varje test (standard 5).</translation>
    </message>
    <message>
        <source>Print the results as one JSON object.</source>
        <translation>Skriv ut resultaten som ett JSON-objekt.</translation>
    </message>
    <message>
        <source>Measure prompt and generation speed (tokens/s, mean ± standard deviation) and the memory bandwidth generation achieves.</source>
        <translation>Mät prompt- och genereringshastighet (token/s, medelvärde ± standardavvikelse) och den minnesbandbredd som genereringen når.</translation>
    </message>
    <message>
        <source>-p and -n: whole numbers of tokens, not both 0</source>
        <translation>-p och -n: heltal antal token, inte båda 0</translation>
    </message>
    <message>
        <source>-r: expected a whole number from 1 to 1000</source>
        <translation>-r: väntade ett heltal från 1 till 1000</translation>
    </message>
    <message>
        <source>model      %1 (%2 MiB), %3
</source>
        <translation>modell     %1 (%2 MiB), %3
</translation>
    </message>
    <message>
        <source>prompt     pp%1: %2 ± %3 tokens/s
</source>
        <translation>prompt     pp%1: %2 ± %3 token/s
</translation>
    </message>
    <message>
        <source>generation tg%1: %2 ± %3 tokens/s, %4 GB/s of weights read (%5 MB per token)
</source>
        <translation>generering tg%1: %2 ± %3 token/s, %4 GB/s lästa vikter (%5 MB per token)
</translation>
    </message>
    <message>
        <source>peak RSS   %1 MiB
</source>
        <translation>högsta RSS %1 MiB
</translation>
    </message>
    <message>
        <source>A system message to start the conversation.</source>
        <translation>Ett systemmeddelande som inleder konversationen.</translation>
    </message>
    <message>
        <source>Most tokens per answer (default: until the model ends it).</source>
        <translation>Högst så många token per svar (standard: tills modellen avslutar det).</translation>
    </message>
    <message>
        <source>Context size in tokens (default: the model&apos;s, at most 4096).</source>
        <translation>Kontextstorlek i token (standard: modellens, högst 4096).</translation>
    </message>
    <message>
        <source>Chat with a model in the terminal. Type a message and press Enter; Ctrl+C stops an answer, /clear starts over, /exit or Ctrl+D ends.</source>
        <translation>Chatta med en modell i terminalen. Skriv ett meddelande och tryck Enter; Ctrl+C stoppar ett svar, /clear börjar om, /exit eller Ctrl+D avslutar.</translation>
    </message>
    <message>
        <source>--ctx: expected a number of tokens from 1 up</source>
        <translation>--ctx: väntade ett antal token från 1 och uppåt</translation>
    </message>
    <message>
        <source>Each message continues the text so far instead.
</source>
        <translation>Varje meddelande fortsätter i stället texten hittills.
</translation>
    </message>
    <message>
        <source>%1: %2 tokens of context, %3. /help for commands.
</source>
        <translation>%1: %2 token kontext, %3. /help visar kommandon.
</translation>
    </message>
    <message>
        <source>/clear  start a new conversation
/exit   end (or Ctrl+D)
Ctrl+C  stop the answer being written
</source>
        <translation>/clear  börja en ny konversation
/exit   avsluta (eller Ctrl+D)
Ctrl+C  stoppa svaret som skrivs
</translation>
    </message>
    <message>
        <source>(new conversation)
</source>
        <translation>(ny konversation)
</translation>
    </message>
    <message>
        <source>The conversation needs %1 tokens but the context holds %2; /clear to start over.
</source>
        <translation>Konversationen behöver %1 token men kontexten rymmer %2; /clear för att börja om.
</translation>
    </message>
    <message>
        <source>[%1 tokens, %2 tokens/s, first after %3 ms, %4]
</source>
        <translation>[%1 token, %2 token/s, första efter %3 ms, %4]
</translation>
    </message>
    <message>
        <source>The context is full; /clear to start over.
</source>
        <translation>Kontexten är full; /clear för att börja om.
</translation>
    </message>
    <message>
        <source>Chat with a model in the terminal, in its own chat format</source>
        <translation>Chatta med en modell i terminalen, i dess eget chattformat</translation>
    </message>
    <message>
        <source>Measure prompt and generation speed and achieved memory bandwidth</source>
        <translation>Mät prompt- och genereringshastighet och uppnådd minnesbandbredd</translation>
    </message>
    <message>
        <source>Compute threads (default: one per physical core).</source>
        <translation>Beräkningstrådar (standard: en per fysisk kärna).</translation>
    </message>
    <message>
        <source>Use the scalar single-threaded reference forward pass.</source>
        <translation>Använd den skalära, enkeltrådade referensberäkningen.</translation>
    </message>
    <message>
        <source>--threads: expected a whole number from 1 to 1024</source>
        <translation>--threads: väntade ett heltal från 1 till 1024</translation>
    </message>
    <message>
        <source>Run a prompt through a model and show the logits.</source>
        <translation>Kör en prompt genom en modell och visa logiterna.</translation>
    </message>
    <message>
        <source>run %1 of %2 done</source>
        <translation>körning %1 av %2 klar</translation>
    </message>
    <message>
        <source>Serve this many sequences at once through the runtime, per level (e.g. 1,2,4,8): aggregate and per-sequence generation tokens/s, TTFT and TPOT percentiles.</source>
        <translation>Kör så här många sekvenser samtidigt genom körmiljön, per nivå (t.ex. 1,2,4,8): sammanlagda och per sekvens genererade token/s, percentiler för TTFT och TPOT.</translation>
    </message>
    <message>
        <source>With --concurrency: leading prompt tokens all sequences share.</source>
        <translation>Med --concurrency: inledande prompttoken som alla sekvenser delar.</translation>
    </message>
    <message>
        <source>--concurrency: expected numbers from 1 to 256 separated by commas, got &apos;%1&apos;</source>
        <translation>--concurrency: väntade tal från 1 till 256 åtskilda med kommatecken, fick &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--concurrency needs -p of at least 1 and -n of at least 2</source>
        <translation>--concurrency kräver -p på minst 1 och -n på minst 2</translation>
    </message>
    <message>
        <source>--shared-prefix: expected a whole number from 0 to -p</source>
        <translation>--shared-prefix: väntade ett heltal från 0 till -p</translation>
    </message>
    <message>
        <source>--concurrency runs the fast pass; drop --reference</source>
        <translation>--concurrency kör den snabba beräkningen; ta bort --reference</translation>
    </message>
    <message>
        <source>concurrency %1: run %2 of %3 done</source>
        <translation>samtidighet %1: körning %2 av %3 klar</translation>
    </message>
    <message>
        <source>backend %1, prompt %2 tokens (%3 shared), %4 generated per sequence
</source>
        <translation>beräkning %1, prompt %2 token (%3 delade), %4 genererade per sekvens
</translation>
    </message>
    <message>
        <source>seqs  aggregate tok/s  per-seq tok/s  TTFT p50/p95/p99 ms      TPOT p50/p95/p99 ms   reused
</source>
        <translation>sekv  sammanlagt tok/s  per sekv tok/s TTFT p50/p95/p99 ms      TPOT p50/p95/p99 ms   återanv
</translation>
    </message>
    <message>
        <source>Speculative decoding: a smaller model with the same vocabulary proposes tokens, this model checks them in one batch (same output, faster).</source>
        <translation>Spekulativ avkodning: en mindre modell med samma vokabulär föreslår token, den här modellen kontrollerar dem i en omgång (samma utdata, snabbare).</translation>
    </message>
    <message>
        <source>With --draft: most tokens proposed per step (default 8).</source>
        <translation>Med --draft: högst så många föreslagna token per steg (standard 8).</translation>
    </message>
    <message>
        <source>--draft-max: expected a whole number from 1 to 64</source>
        <translation>--draft-max: väntade ett heltal från 1 till 64</translation>
    </message>
    <message>
        <source>%1: the draft model has %2 tokens, the model %3; speculative decoding needs the same vocabulary</source>
        <translation>%1: utkastmodellen har %2 token, modellen %3; spekulativ avkodning kräver samma vokabulär</translation>
    </message>
    <message>
        <source>%1: token %2 is &apos;%3&apos; in the draft model but &apos;%4&apos; in the model; speculative decoding needs the same vocabulary</source>
        <translation>%1: token %2 är &apos;%3&apos; i utkastmodellen men &apos;%4&apos; i modellen; spekulativ avkodning kräver samma vokabulär</translation>
    </message>
    <message>
        <source>draft: %1 of %2 proposed tokens accepted (%3%)
</source>
        <translation>utkast: %1 av %2 föreslagna token godtogs (%3%)
</translation>
    </message>
    <message>
        <source>--kv-type: expected f16 or q8_0, got &apos;%1&apos;</source>
        <translation>--kv-type: väntade f16 eller q8_0, fick &apos;%1&apos;</translation>
    </message>
    <message>
        <source>With --concurrency: speculative decoding with this draft model.</source>
        <translation>Med --concurrency: spekulativ avkodning med den här utkastmodellen.</translation>
    </message>
    <message>
        <source>Create, list and restore encrypted backups of the installation database</source>
        <translation>Skapa, lista och återställ krypterade säkerhetskopior av installationens databas</translation>
    </message>
    <message>
        <source>Check a prompt or answer with the guards; measure or train them on a labelled corpus</source>
        <translation>Granska en prompt eller ett svar med vakterna; mät eller träna dem på en märkt korpus</translation>
    </message>
    <message>
        <source>The database (default: the installation&apos;s).</source>
        <translation>Databasen (standard: installationens).</translation>
    </message>
    <message>
        <source>verify: check this JSON-lines export instead of the database&apos;s log.</source>
        <translation>verify: kontrollera den här JSON-radsexporten i stället för databasens logg.</translation>
    </message>
    <message>
        <source>export: where the JSON lines go.</source>
        <translation>export: vart JSON-raderna skrivs.</translation>
    </message>
    <message>
        <source>Unlock the data key with the passphrase on the first line of FILE (default: the FYR_PASSPHRASE variable).</source>
        <translation>Lås upp datanyckeln med lösenfrasen på första raden i FIL (standard: variabeln FYR_PASSPHRASE).</translation>
    </message>
    <message>
        <source>Unlock the data key with this key file.</source>
        <translation>Lås upp datanyckeln med den här nyckelfilen.</translation>
    </message>
    <message>
        <source>Print the verdict as JSON.</source>
        <translation>Skriv ut utlåtandet som JSON.</translation>
    </message>
    <message>
        <source>Check the tamper-evident audit log (every entry, the chain and the head checkpoint), or export it as JSON lines.</source>
        <translation>Kontrollera den manipuleringssäkra granskningsloggen (varje post, kedjan och huvudkontrollpunkten), eller exportera den som JSON-rader.</translation>
    </message>
    <message>
        <source>export needs --out FILE</source>
        <translation>export kräver --out FIL</translation>
    </message>
    <message>
        <source>%1: cannot read the key file: %2</source>
        <translation>%1: kan inte läsa nyckelfilen: %2</translation>
    </message>
    <message>
        <source> (or give --key-file FILE)</source>
        <translation> (eller ange --key-file FIL)</translation>
    </message>
    <message>
        <source>audit log written to %1
</source>
        <translation>granskningsloggen skriven till %1
</translation>
    </message>
    <message>
        <source>audit log intact: %1 entries, chain and head checkpoint verified
</source>
        <translation>granskningsloggen är intakt: %1 poster, kedjan och huvudkontrollpunkten verifierade
</translation>
    </message>
    <message>
        <source>audit log NOT intact: first bad entry %1: %2
</source>
        <translation>granskningsloggen är INTE intakt: första felaktiga post %1: %2
</translation>
    </message>
    <message>
        <source>create, restore FILE, list or prune</source>
        <translation>create, restore FIL, list eller prune</translation>
    </message>
    <message>
        <source>create: the backup file (default: a new file in --dir).</source>
        <translation>create: säkerhetskopians fil (standard: en ny fil i --dir).</translation>
    </message>
    <message>
        <source>Read the passphrase from the first line of FILE (default: the FYR_BACKUP_PASSPHRASE variable).</source>
        <translation>Läs lösenfrasen från första raden i FIL (standard: variabeln FYR_BACKUP_PASSPHRASE).</translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation>Skriv ut resultatet som JSON.</translation>
    </message>
    <message>
        <source>prune: how many of the newest backups to keep.</source>
        <translation>prune: hur många av de nyaste säkerhetskopiorna som ska behållas.</translation>
    </message>
    <message>
        <source>Encrypted backups of the installation database: create one while Fyr runs, list them, restore one (stop Fyr first; the current database is kept).</source>
        <translation>Krypterade säkerhetskopior av installationens databas: skapa en medan Fyr körs, lista dem, återställ en (stoppa Fyr först; den nuvarande databasen sparas).</translation>
    </message>
    <message>
        <source>list takes no file</source>
        <translation>list tar ingen fil</translation>
    </message>
    <message>
        <source>no backups in %1
</source>
        <translation>inga säkerhetskopior i %1
</translation>
    </message>
    <message>
        <source>%1  %2  schema %3  %4 KiB
</source>
        <translation>%1  %2  schema %3  %4 KiB
</translation>
    </message>
    <message>
        <source>prune needs --keep N, a number from 1 up</source>
        <translation>prune kräver --keep N, ett tal från 1 och uppåt</translation>
    </message>
    <message>
        <source>deleted %1
</source>
        <translation>raderade %1
</translation>
    </message>
    <message>
        <source>%1 backups kept in %2, %3 deleted
</source>
        <translation>%1 säkerhetskopior behållna i %2, %3 raderade
</translation>
    </message>
    <message>
        <source>expected create, restore FILE, list or prune</source>
        <translation>väntade create, restore FIL, list eller prune</translation>
    </message>
    <message>
        <source>create takes no file</source>
        <translation>create tar ingen fil</translation>
    </message>
    <message>
        <source>restore takes the backup file to restore</source>
        <translation>restore tar säkerhetskopian som ska återställas</translation>
    </message>
    <message>
        <source>backup written: %1 (%2 KiB)
</source>
        <translation>säkerhetskopia skriven: %1 (%2 KiB)
</translation>
    </message>
    <message>
        <source>restored %1 into %2
</source>
        <translation>återställde %1 till %2
</translation>
    </message>
    <message>
        <source>the database it replaced is kept as %1
</source>
        <translation>databasen den ersatte är sparad som %1
</translation>
    </message>
    <message>
        <source>check needs TEXT (or --file FILE)</source>
        <translation>check behöver TEXT (eller --file FIL)</translation>
    </message>
    <message>
        <source>verdict: %1
</source>
        <translation>utslag: %1
</translation>
    </message>
    <message>
        <source>  %1  %2/%3  %4  %5  decided by %6  score %7
</source>
        <translation>  %1  %2/%3  %4  %5  avgjort av %6  poäng %7
</translation>
    </message>
    <message>
        <source>injection score: %1
</source>
        <translation>injektionspoäng: %1
</translation>
    </message>
    <message>
        <source>redacted: %1
</source>
        <translation>maskerad: %1
</translation>
    </message>
    <message>
        <source>time: %1 µs
</source>
        <translation>tid: %1 µs
</translation>
    </message>
    <message>
        <source>train needs one or more CORPUS.jsonl files</source>
        <translation>train behöver en eller flera KORPUS.jsonl-filer</translation>
    </message>
    <message>
        <source>train needs --out FILE</source>
        <translation>train behöver --out FIL</translation>
    </message>
    <message>
        <source>--epochs expects 1 to 10000</source>
        <translation>--epochs förväntar 1 till 10000</translation>
    </message>
    <message>
        <source>--l2 expects 0 to 1</source>
        <translation>--l2 förväntar 0 till 1</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1: kan inte skriva: %2</translation>
    </message>
    <message>
        <source>trained on %1 examples: %2 features kept, written to %3
</source>
        <translation>tränad på %1 exempel: %2 särdrag behållna, skrivna till %3
</translation>
    </message>
    <message>
        <source>eval needs one or more CORPUS.jsonl files</source>
        <translation>eval behöver en eller flera KORPUS.jsonl-filer</translation>
    </message>
    <message>
        <source>%1: %2 attacks, %3 benign
</source>
        <translation>%1: %2 attacker, %3 ofarliga
</translation>
    </message>
    <message>
        <source>  recall %1  precision %2  false positives %3 (%4 of %5)  mean %6 µs per prompt
</source>
        <translation>  träffsäkerhet (recall) %1  precision %2  falsklarm %3 (%4 av %5)  medel %6 µs per prompt
</translation>
    </message>
    <message>
        <source>  %1  recall %2 (%3 of %4)
</source>
        <translation>  %1  recall %2 (%3 av %4)
</translation>
    </message>
    <message>
        <source>  %1  false positives %2 (%3 of %4)
</source>
        <translation>  %1  falsklarm %2 (%3 av %4)
</translation>
    </message>
    <message>
        <source>  miss line %1 (%2, %3): %4
</source>
        <translation>  miss rad %1 (%2, %3): %4
</translation>
    </message>
    <message>
        <source>check: the caller&apos;s role, whose verdicts apply.</source>
        <translation>check: anroparens roll, vars utslag gäller.</translation>
    </message>
    <message>
        <source>check: treat TEXT as a model&apos;s answer, not a prompt.</source>
        <translation>check: behandla TEXT som en modells svar, inte en prompt.</translation>
    </message>
    <message>
        <source>check: read the text from FILE.</source>
        <translation>check: läs texten från FIL.</translation>
    </message>
    <message>
        <source>check --output: the canary planted in the system prompt.</source>
        <translation>check --output: kanariesträngen som planterats i systemprompten.</translation>
    </message>
    <message>
        <source>check --output: the system prompt, to detect it leaking.</source>
        <translation>check --output: systemprompten, för att upptäcka att den läcker.</translation>
    </message>
    <message>
        <source>check: exit with 3 when the verdict is at least LEVEL (flag, redact, block).</source>
        <translation>check: avsluta med 3 när utslaget är minst NIVÅ (flag, redact, block).</translation>
    </message>
    <message>
        <source>train: where the classifier&apos;s weights go.</source>
        <translation>train: vart klassificerarens vikter skrivs.</translation>
    </message>
    <message>
        <source>train: passes over the corpus (default 40).</source>
        <translation>train: varv genom korpusen (standard 40).</translation>
    </message>
    <message>
        <source>train: L2 regularisation (default 1e-5).</source>
        <translation>train: L2-regularisering (standard 1e-5).</translation>
    </message>
    <message>
        <source>eval: list the prompts it got wrong.</source>
        <translation>eval: lista prompterna den bedömde fel.</translation>
    </message>
    <message>
        <source>Run the guard pipeline (injection, secrets, personal data, leaks, links) on a text, measure it on a labelled corpus, or train its classifier.</source>
        <translation>Kör vaktkedjan (injektion, hemligheter, personuppgifter, läckor, länkar) på en text, mät den på en märkt korpus eller träna dess klassificerare.</translation>
    </message>
    <message>
        <source>--fail-on expects flag, redact or block</source>
        <translation>--fail-on förväntar flag, redact eller block</translation>
    </message>
    <message>
        <source>The database to create (default: the installation&apos;s).</source>
        <translation>Databasen som skapas (standard: installationens).</translation>
    </message>
    <message>
        <source>The first administrator&apos;s user name.</source>
        <translation>Den första administratörens användarnamn.</translation>
    </message>
    <message>
        <source>The administrator&apos;s password on the first line of FILE (default: the FYR_PASSWORD variable).</source>
        <translation>Administratörens lösenord på första raden i FIL (standard: variabeln FYR_PASSWORD).</translation>
    </message>
    <message>
        <source>The data passphrase on the first line of FILE (default: the FYR_PASSPHRASE variable).</source>
        <translation>Datalösenfrasen på första raden i FIL (standard: variabeln FYR_PASSPHRASE).</translation>
    </message>
    <message>
        <source>Create an installation without a window: the database, its data key wrapped by the passphrase, and the first admin.</source>
        <translation>Skapa en installation utan fönster: databasen, dess datanyckel skyddad av lösenfrasen, och den första administratören.</translation>
    </message>
    <message>
        <source>init needs --admin NAME</source>
        <translation>init behöver --admin NAMN</translation>
    </message>
    <message>
        <source>installation created at %1 with the admin %2
</source>
        <translation>installationen skapad i %1 med administratören %2
</translation>
    </message>
    <message>
        <source>add NAME, list, passwd NAME, disable NAME, enable NAME or role NAME ROLE</source>
        <translation>add NAMN, list, passwd NAMN, disable NAMN, enable NAMN eller role NAMN ROLL</translation>
    </message>
    <message>
        <source>add: the new user&apos;s role (default analyst).</source>
        <translation>add: den nya användarens roll (standard analyst).</translation>
    </message>
    <message>
        <source>add: the new user&apos;s data clearance level (default 0).</source>
        <translation>add: den nya användarens behörighetsnivå för data (standard 0).</translation>
    </message>
    <message>
        <source>add, passwd: the new password on the first line of FILE (default: the FYR_NEW_PASSWORD variable).</source>
        <translation>add, passwd: det nya lösenordet på första raden i FIL (standard: variabeln FYR_NEW_PASSWORD).</translation>
    </message>
    <message>
        <source>list: print JSON.</source>
        <translation>list: skriv ut JSON.</translation>
    </message>
    <message>
        <source>Manage local accounts.</source>
        <translation>Hantera lokala konton.</translation>
    </message>
    <message>
        <source>expected add NAME, list, passwd NAME, disable NAME, enable NAME or role NAME ROLE</source>
        <translation>förväntade add NAMN, list, passwd NAMN, disable NAMN, enable NAMN eller role NAMN ROLL</translation>
    </message>
    <message>
        <source>--clearance expects 0 to 100</source>
        <translation>--clearance förväntar 0 till 100</translation>
    </message>
    <message>
        <source>  disabled</source>
        <translation>  avstängd</translation>
    </message>
    <message>
        <source>you cannot disable your own account</source>
        <translation>du kan inte stänga av ditt eget konto</translation>
    </message>
    <message>
        <source>user %1: %2 done
</source>
        <translation>användare %1: %2 klart
</translation>
    </message>
    <message>
        <source>create NAME, list or revoke ID</source>
        <translation>create NAMN, list eller revoke ID</translation>
    </message>
    <message>
        <source>create: the key&apos;s role (default: the acting user&apos;s).</source>
        <translation>create: nyckelns roll (standard: den agerande användarens).</translation>
    </message>
    <message>
        <source>create: days until the key expires (default 90).</source>
        <translation>create: dagar tills nyckeln går ut (standard 90).</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>Skriv ut JSON.</translation>
    </message>
    <message>
        <source>Manage API keys: shown once, stored only as a hash.</source>
        <translation>Hantera API-nycklar: visas en gång, lagras bara som hash.</translation>
    </message>
    <message>
        <source>expected create NAME, list or revoke ID</source>
        <translation>förväntade create NAMN, list eller revoke ID</translation>
    </message>
    <message>
        <source>--expires-days expects 1 to 3650</source>
        <translation>--expires-days förväntar 1 till 3650</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>återkallad %1</translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation>går ut %1</translation>
    </message>
    <message>
        <source>revoke expects the key&apos;s number (see keys list)</source>
        <translation>revoke förväntar nyckelns nummer (se keys list)</translation>
    </message>
    <message>
        <source>key %1 revoked
</source>
        <translation>nyckel %1 återkallad
</translation>
    </message>
    <message>
        <source>key %1 (role %2, expires %3); it is shown only now:
%4
</source>
        <translation>nyckel %1 (roll %2, går ut %3); den visas bara nu:
%4
</translation>
    </message>
    <message>
        <source>Act as this user (default: the FYR_USER variable).</source>
        <translation>Agera som denna användare (standard: variabeln FYR_USER).</translation>
    </message>
    <message>
        <source>The acting user&apos;s password on the first line of FILE (default: the FYR_PASSWORD variable).</source>
        <translation>Den agerande användarens lösenord på första raden i FIL (standard: variabeln FYR_PASSWORD).</translation>
    </message>
    <message>
        <source>no secret given: use --%1 FILE or set %2</source>
        <translation>ingen hemlighet angiven: använd --%1 FIL eller sätt %2</translation>
    </message>
    <message>
        <source>say who acts: --as NAME (or set FYR_USER)</source>
        <translation>ange vem som agerar: --as NAMN (eller sätt FYR_USER)</translation>
    </message>
    <message>
        <source>%1 (role %2) lacks the permission %3</source>
        <translation>%1 (roll %2) saknar behörigheten %3</translation>
    </message>
    <message>
        <source>done, but the audit log could not record it: %1</source>
        <translation>klart, men granskningsloggen kunde inte registrera det: %1</translation>
    </message>
    <message>
        <source>Create an installation without a window: database, data key and first admin</source>
        <translation>Skapa en installation utan fönster: databas, datanyckel och första administratör</translation>
    </message>
    <message>
        <source>Add, list, disable users; set passwords and roles</source>
        <translation>Lägg till, lista och stäng av användare; sätt lösenord och roller</translation>
    </message>
    <message>
        <source>Create, list and revoke API keys</source>
        <translation>Skapa, lista och återkalla API-nycklar</translation>
    </message>
    <message>
        <source>List roles and their permissions; create custom roles and change what they may do.</source>
        <translation>Lista roller och deras behörigheter; skapa egna roller och ändra vad de får göra.</translation>
    </message>
    <message>
        <source>unknown permission %1 (known: %2)</source>
        <translation>okänd behörighet %1 (kända: %2)</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>inbyggd</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>egen</translation>
    </message>
    <message>
        <source>%1 cannot grant permissions the role %2 does not hold</source>
        <translation>%1 kan inte dela ut behörigheter som rollen %2 inte har</translation>
    </message>
    <message>
        <source>role %1: %2 done
</source>
        <translation>roll %1: %2 klart
</translation>
    </message>
    <message>
        <source>Whose data to export.</source>
        <translation>Vems data som exporteras.</translation>
    </message>
    <message>
        <source>Write the JSON to FILE (default: standard output).</source>
        <translation>Skriv JSON till FIL (standard: standard ut).</translation>
    </message>
    <message>
        <source>Export everything held about one user (account, conversations decrypted, keys without secrets, requests) as JSON.</source>
        <translation>Exportera allt som finns om en användare (konto, samtal dekrypterade, nycklar utan hemligheter, förfrågningar) som JSON.</translation>
    </message>
    <message>
        <source>expected one user name</source>
        <translation>förväntade ett användarnamn</translation>
    </message>
    <message>
        <source>there is no user %1</source>
        <translation>det finns ingen användare %1</translation>
    </message>
    <message>
        <source>Whose data to erase.</source>
        <translation>Vems data som raderas.</translation>
    </message>
    <message>
        <source>Confirm: erasure cannot be undone.</source>
        <translation>Bekräfta: raderingen kan inte ångras.</translation>
    </message>
    <message>
        <source>Erase one user: account, conversations, messages and keys. Request figures and the audit log stay, without the person.</source>
        <translation>Radera en användare: konto, samtal, meddelanden och nycklar. Förfrågningarnas siffror och granskningsloggen finns kvar, utan personen.</translation>
    </message>
    <message>
        <source>erasure cannot be undone: add --yes to confirm</source>
        <translation>raderingen kan inte ångras: lägg till --yes för att bekräfta</translation>
    </message>
    <message>
        <source>you cannot erase your own account</source>
        <translation>du kan inte radera ditt eget konto</translation>
    </message>
    <message>
        <source>user %1 erased
</source>
        <translation>användaren %1 raderad
</translation>
    </message>
    <message>
        <source>verify, export or list</source>
        <translation>verify, export eller list</translation>
    </message>
    <message>
        <source>list: the first sequence number (default: the last 50 entries).</source>
        <translation>list: första sekvensnumret (standard: de senaste 50 posterna).</translation>
    </message>
    <message>
        <source>list: at most N entries (default 50).</source>
        <translation>list: högst N poster (standard 50).</translation>
    </message>
    <message>
        <source>expected verify, export or list</source>
        <translation>förväntade verify, export eller list</translation>
    </message>
    <message>
        <source>--limit expects 1 to 100000</source>
        <translation>--limit förväntar 1 till 100000</translation>
    </message>
    <message>
        <source>--from expects a sequence number</source>
        <translation>--from förväntar ett sekvensnummer</translation>
    </message>
    <message>
        <source>List roles; create custom roles, grant and revoke permissions</source>
        <translation>Lista roller; skapa egna roller, ge och dra tillbaka behörigheter</translation>
    </message>
    <message>
        <source>Export everything held about one user as JSON</source>
        <translation>Exportera allt som finns om en användare som JSON</translation>
    </message>
    <message>
        <source>Erase one user&apos;s account, conversations and keys</source>
        <translation>Radera en användares konto, samtal och nycklar</translation>
    </message>
    <message>
        <source>Verify, export or list the tamper-evident audit log</source>
        <translation>Verifiera, exportera eller lista den manipuleringssäkra granskningsloggen</translation>
    </message>
    <message>
        <source>Only show the data keys and how much is still under older ones.</source>
        <translation>Visa bara datanycklarna och hur mycket som fortfarande ligger under äldre.</translation>
    </message>
    <message>
        <source>Values re-encrypted per transaction (default 200).</source>
        <translation>Värden som krypteras om per transaktion (standard 200).</translation>
    </message>
    <message>
        <source>Make a new data key and re-encrypt every message and payload with it. Stopped or killed, run it again: it resumes where it was.</source>
        <translation>Skapa en ny datanyckel och kryptera om varje meddelande och nyttolast med den. Avbruten eller dödad, kör den igen: den fortsätter där den var.</translation>
    </message>
    <message>
        <source>--batch expects 1 to 100000</source>
        <translation>--batch förväntar 1 till 100000</translation>
    </message>
    <message>
        <source>data keys %1 (newest %2); %3 value(s) still under older keys
</source>
        <translation>datanycklar %1 (nyaste %2); %3 värde(n) fortfarande under äldre nycklar
</translation>
    </message>
    <message>
        <source>resuming: %1 value(s) still under older keys
</source>
        <translation>återupptar: %1 värde(n) fortfarande under äldre nycklar
</translation>
    </message>
    <message>
        <source>data key %1 in use: %2 value(s) re-encrypted, %3 left
</source>
        <translation>datanyckel %1 används: %2 värde(n) omkrypterade, %3 kvar
</translation>
    </message>
    <message>
        <source>Make a new data key and re-encrypt stored content with it (resumable)</source>
        <translation>Skapa en ny datanyckel och kryptera om lagrat innehåll med den (kan återupptas)</translation>
    </message>
    <message>
        <source>re-encrypted %1 of %2</source>
        <translation>omkrypterat %1 av %2</translation>
    </message>
    <message>
        <source>list, create NAME [PERMISSION…], grant|revoke ROLE PERMISSION, models ROLE, allow-model|deny-model ROLE PATTERN</source>
        <translation>list, create NAMN [BEHÖRIGHET…], grant|revoke ROLL BEHÖRIGHET, models ROLL, allow-model|deny-model ROLL MÖNSTER</translation>
    </message>
    <message>
        <source>expected list, create NAME [PERMISSION…], grant ROLE PERMISSION, revoke ROLE PERMISSION, models ROLE, allow-model ROLE PATTERN or deny-model ROLE PATTERN</source>
        <translation>förväntade list, create NAMN [BEHÖRIGHET…], grant ROLL BEHÖRIGHET, revoke ROLL BEHÖRIGHET, models ROLL, allow-model ROLL MÖNSTER eller deny-model ROLL MÖNSTER</translation>
    </message>
    <message>
        <source>%1 may use every model
</source>
        <translation>%1 får använda alla modeller
</translation>
    </message>
    <message>
        <source>create: act as this user (default: the FYR_USER variable).</source>
        <translation>create: agera som denna användare (standard: variabeln FYR_USER).</translation>
    </message>
    <message>
        <source>create: the acting user&apos;s password on the first line of FILE (default: the FYR_PASSWORD variable).</source>
        <translation>create: den agerande användarens lösenord på första raden i FIL (standard: variabeln FYR_PASSWORD).</translation>
    </message>
    <message>
        <source>create: the data passphrase on the first line of FILE (default: the FYR_PASSPHRASE variable).</source>
        <translation>create: datalösenfrasen på första raden i FIL (standard: variabeln FYR_PASSPHRASE).</translation>
    </message>
    <message>
        <source>expected install POLICY.json or reset</source>
        <translation>förväntade install POLICY.json eller reset</translation>
    </message>
    <message>
        <source>%1: cannot remove</source>
        <translation>%1: kan inte tas bort</translation>
    </message>
    <message>
        <source>the built-in guard policy is in force again
</source>
        <translation>den inbyggda vaktpolicyn gäller igen
</translation>
    </message>
    <message>
        <source>%1: cannot copy the classifier</source>
        <translation>%1: kan inte kopiera klassificeraren</translation>
    </message>
    <message>
        <source>%1: cannot write</source>
        <translation>%1: kan inte skriva</translation>
    </message>
    <message>
        <source>guard policy installed at %1
</source>
        <translation>vaktpolicyn installerad i %1
</translation>
    </message>
    <message>
        <source>check TEXT, eval CORPUS…, train CORPUS… --out FILE, install POLICY.json or reset</source>
        <translation>check TEXT, eval KORPUS…, train KORPUS… --out FIL, install POLICY.json eller reset</translation>
    </message>
    <message>
        <source>expected check, eval, train, install or reset</source>
        <translation>förväntade check, eval, train, install eller reset</translation>
    </message>
    <message>
        <source>With --concurrency: write the runtime&apos;s metrics to FILE in Prometheus&apos; text format.</source>
        <translation>Med --concurrency: skriv körmiljöns mått till FIL i Prometheus textformat.</translation>
    </message>
    <message>
        <source>Read GPUs, CPU and memory and print Fyr&apos;s metrics in Prometheus&apos; format</source>
        <translation>Läs GPU:er, CPU och minne och skriv ut Fyrs mått i Prometheus format</translation>
    </message>
    <message>
        <source>Readings to take (default 2: CPU use needs two).</source>
        <translation>Avläsningar att göra (standard 2: CPU-användning kräver två).</translation>
    </message>
    <message>
        <source>Milliseconds between readings (default 500).</source>
        <translation>Millisekunder mellan avläsningarna (standard 500).</translation>
    </message>
    <message>
        <source>The NVML library to load (default libnvidia-ml.so.1).</source>
        <translation>NVML-biblioteket som laddas (standard libnvidia-ml.so.1).</translation>
    </message>
    <message>
        <source>Print the last reading as JSON instead.</source>
        <translation>Skriv ut den sista avläsningen som JSON i stället.</translation>
    </message>
    <message>
        <source>Read the GPUs, CPU and memory once and print Fyr&apos;s metrics in Prometheus&apos; text format.</source>
        <translation>Läs GPU:erna, CPU:n och minnet en gång och skriv ut Fyrs mått i Prometheus textformat.</translation>
    </message>
    <message>
        <source>--rounds expects 1 to 3600</source>
        <translation>--rounds förväntar 1 till 3600</translation>
    </message>
    <message>
        <source>--interval expects 10 to 60000 ms</source>
        <translation>--interval förväntar 10 till 60000 ms</translation>
    </message>
    <message>
        <source>not available: %1
</source>
        <translation>inte tillgänglig: %1
</translation>
    </message>
    <message>
        <source>Do not check messages and answers with the guards.</source>
        <translation>Kontrollera inte meddelanden och svar med vakterna.</translation>
    </message>
    <message>
        <source>Report what requests cost, compare with hosted APIs&apos; prices, set the on-prem pricing</source>
        <translation>Rapportera vad förfrågningar kostat, jämför med värdade API:ers priser, ange den lokala prissättningen</translation>
    </message>
    <message>
        <source>mixed currencies</source>
        <translation>blandade valutor</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>inte konfigurerad</translation>
    </message>
    <message>
        <source> (+%1 not configured)</source>
        <translation> (+%1 inte konfigurerade)</translation>
    </message>
    <message>
        <source>--since DATE|DURATION is required (e.g. --since 7d or --since 2026-11-01)</source>
        <translation>--since DATUM|LÄNGD krävs (t.ex. --since 7d eller --since 2026-11-01)</translation>
    </message>
    <message>
        <source>--since: expected a date (YYYY-MM-DD), a date and time (ISO 8601) or a duration such as 24h, 7d or 4w, got &apos;%1&apos;</source>
        <translation>--since: väntade ett datum (ÅÅÅÅ-MM-DD), ett datum och klockslag (ISO 8601) eller en längd som 24h, 7d eller 4w, fick &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--until: expected a date (YYYY-MM-DD), a date and time (ISO 8601) or a duration such as 24h, 7d or 4w, got &apos;%1&apos;</source>
        <translation>--until: väntade ett datum (ÅÅÅÅ-MM-DD), ett datum och klockslag (ISO 8601) eller en längd som 24h, 7d eller 4w, fick &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the range is empty: --until (%1) is not after --since (%2)</source>
        <translation>intervallet är tomt: --until (%1) ligger inte efter --since (%2)</translation>
    </message>
    <message>
        <source>--by expects model, user, day or endpoint</source>
        <translation>--by väntar sig model, user, day eller endpoint</translation>
    </message>
    <message>
        <source>the price catalog is broken:
  %1</source>
        <translation>priskatalogen är trasig:
  %1</translation>
    </message>
    <message>
        <source>--compare: &apos;%1&apos; is not in the price catalog; it has %2</source>
        <translation>--compare: &apos;%1&apos; finns inte i priskatalogen; den har %2</translation>
    </message>
    <message>
        <source>Cost by %1, %2 to %3 (%4 days)
</source>
        <translation>Kostnad per %1, %2 till %3 (%4 dagar)
</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>förfrågningar</translation>
    </message>
    <message>
        <source>tokens in</source>
        <translation>tokens in</translation>
    </message>
    <message>
        <source>tokens out</source>
        <translation>tokens ut</translation>
    </message>
    <message>
        <source>GPU s</source>
        <translation>GPU s</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>kostnad</translation>
    </message>
    <message>
        <source>hardware</source>
        <translation>hårdvara</translation>
    </message>
    <message>
        <source>energy</source>
        <translation>energi</translation>
    </message>
    <message>
        <source>total</source>
        <translation>totalt</translation>
    </message>
    <message>
        <source>monthly projection: %1 %2 (the daily average over these %3 days x 30)
</source>
        <translation>månadsprognos: %1 %2 (dagsgenomsnittet under dessa %3 dagar x 30)
</translation>
    </message>
    <message>
        <source>no monthly projection: the requests were priced in more than one currency
</source>
        <translation>ingen månadsprognos: förfrågningarna prissattes i mer än en valuta
</translation>
    </message>
    <message>
        <source>no monthly projection: no request in the range has a cost
</source>
        <translation>ingen månadsprognos: ingen förfrågan i intervallet har en kostnad
</translation>
    </message>
    <message>
        <source>the same traffic on %1 would have cost %2 %3 (monthly %4 %3) at %5 in / %6 out %3 per 1M tokens (%7, taken %8)
</source>
        <translation>samma trafik på %1 hade kostat %2 %3 (per månad %4 %3) till %5 in / %6 ut %3 per 1M tokens (%7, hämtat %8)
</translation>
    </message>
    <message>
        <source>%1 requests have no cost: the on-prem pricing was not configured when they ran (fyrctl cost pricing set)
</source>
        <translation>%1 förfrågningar saknar kostnad: den lokala prissättningen var inte konfigurerad när de kördes (fyrctl cost pricing set)
</translation>
    </message>
    <message>
        <source>hardware price   %1 %2
</source>
        <translation>hårdvarupris     %1 %2
</translation>
    </message>
    <message>
        <source>life             %1 months
</source>
        <translation>livslängd        %1 månader
</translation>
    </message>
    <message>
        <source>nominal watts    %1 W
</source>
        <translation>nominell effekt  %1 W
</translation>
    </message>
    <message>
        <source>price per kWh    %1 %2
</source>
        <translation>pris per kWh     %1 %2
</translation>
    </message>
    <message>
        <source>PUE              %1
</source>
        <translation>PUE              %1
</translation>
    </message>
    <message>
        <source>configured</source>
        <translation>konfigurerad</translation>
    </message>
    <message>
        <source>expected pricing show or pricing set</source>
        <translation>väntade pricing show eller pricing set</translation>
    </message>
    <message>
        <source>--%1 expects a number of at least 1</source>
        <translation>--%1 väntar sig ett tal som är minst 1</translation>
    </message>
    <message>
        <source>--%1 expects a number above 0</source>
        <translation>--%1 väntar sig ett tal över 0</translation>
    </message>
    <message>
        <source>--currency expects a three-letter ISO 4217 code such as EUR or USD</source>
        <translation>--currency väntar sig en kod på tre bokstäver enligt ISO 4217, till exempel EUR eller USD</translation>
    </message>
    <message>
        <source>pricing show takes no values; use pricing set</source>
        <translation>pricing show tar inga värden; använd pricing set</translation>
    </message>
    <message>
        <source>pricing set: give at least one of --hardware-price, --life-months, --nominal-watts, --price-per-kwh, --pue, --currency</source>
        <translation>pricing set: ange minst en av --hardware-price, --life-months, --nominal-watts, --price-per-kwh, --pue, --currency</translation>
    </message>
    <message>
        <source>report: from DATE (YYYY-MM-DD, UTC), an ISO 8601 time, or DURATION ago (24h, 7d, 4w).</source>
        <translation>report: från DATUM (ÅÅÅÅ-MM-DD, UTC), en tid enligt ISO 8601, eller LÄNGD sedan (24h, 7d, 4w).</translation>
    </message>
    <message>
        <source>report: up to (not including) WHEN (default: now).</source>
        <translation>report: fram till (inte med) NÄR (standard: nu).</translation>
    </message>
    <message>
        <source>report: group by model, user, day or endpoint (default model).</source>
        <translation>report: gruppera per model, user, day eller endpoint (standard model).</translation>
    </message>
    <message>
        <source>report: what the same tokens would have cost at this hosted API (an id of the price catalog, e.g. openai/gpt-4o; may be repeated).</source>
        <translation>report: vad samma tokens hade kostat hos detta värdade API (ett id i priskatalogen, t.ex. openai/gpt-4o; får upprepas).</translation>
    </message>
    <message>
        <source>pricing set: what the machine (or its GPU share) cost.</source>
        <translation>pricing set: vad maskinen (eller dess andel av GPU:n) kostade.</translation>
    </message>
    <message>
        <source>pricing set: months to write the hardware off over.</source>
        <translation>pricing set: antal månader som hårdvaran skrivs av på.</translation>
    </message>
    <message>
        <source>pricing set: the machine&apos;s draw when the energy is not measured.</source>
        <translation>pricing set: maskinens effekt när energin inte mäts.</translation>
    </message>
    <message>
        <source>pricing set: what a kWh costs the site.</source>
        <translation>pricing set: vad en kWh kostar platsen.</translation>
    </message>
    <message>
        <source>pricing set: the site&apos;s power usage effectiveness (1 or more).</source>
        <translation>pricing set: platsens PUE (power usage effectiveness, 1 eller mer).</translation>
    </message>
    <message>
        <source>pricing set: the currency of the prices (ISO 4217, e.g. EUR).</source>
        <translation>pricing set: prisernas valuta (ISO 4217, t.ex. EUR).</translation>
    </message>
    <message>
        <source>Live view of GPUs, CPU, memory and the latest requests&apos; rates and latencies</source>
        <translation>Direktvy över GPU:er, CPU, minne och de senaste förfrågningarnas takt och svarstider</translation>
    </message>
    <message>
        <source>Fyr top — %1 UTC, every %2 s, requests of the last %3 min (Ctrl+C ends)
</source>
        <translation>Fyr top — %1 UTC, var %2:e s, förfrågningar de senaste %3 min (Ctrl+C avslutar)
</translation>
    </message>
    <message>
        <source>GPUs: none found
</source>
        <translation>GPU:er: inga hittade
</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAMN</translation>
    </message>
    <message>
        <source>USE</source>
        <translation>ANV</translation>
    </message>
    <message>
        <source>MEMORY GiB</source>
        <translation>MINNE GiB</translation>
    </message>
    <message>
        <source>TEMP °C</source>
        <translation>TEMP °C</translation>
    </message>
    <message>
        <source>POWER W</source>
        <translation>EFFEKT W</translation>
    </message>
    <message>
        <source>lost: %1</source>
        <translation>förlorad: %1</translation>
    </message>
    <message>
        <source>  not available: %1
</source>
        <translation>  inte tillgänglig: %1
</translation>
    </message>
    <message>
        <source>CPU %1%   memory used %2 GiB
</source>
        <translation>CPU %1 %   minne använt %2 GiB
</translation>
    </message>
    <message>
        <source>Requests: %1 (%2 running, %3 failed), %4 tok/s generated, %5 tok/s prompt
</source>
        <translation>Förfrågningar: %1 (%2 pågår, %3 misslyckade), %4 token/s genererade, %5 token/s prompt
</translation>
    </message>
    <message>
        <source>  TTFT ms p50/p95/p99 %1/%2/%3   TPOT ms %4/%5/%6   end to end ms %7/%8/%9
</source>
        <translation>  TTFT ms p50/p95/p99 %1/%2/%3   TPOT ms %4/%5/%6   totalt ms %7/%8/%9
</translation>
    </message>
    <message>
        <source>MODEL</source>
        <translation>MODELL</translation>
    </message>
    <message>
        <source>REQUESTS</source>
        <translation>FÖRFRÅGN</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>MISSL</translation>
    </message>
    <message>
        <source>GEN TOK/S</source>
        <translation>GEN TOK/S</translation>
    </message>
    <message>
        <source>TTFT P95 MS</source>
        <translation>TTFT P95 MS</translation>
    </message>
    <message>
        <source>TPOT P95 MS</source>
        <translation>TPOT P95 MS</translation>
    </message>
    <message>
        <source>Seconds between frames (default 1; 0.2 to 60).</source>
        <translation>Sekunder mellan bilderna (standard 1; 0,2 till 60).</translation>
    </message>
    <message>
        <source>Minutes of requests the figures cover (default 5; 1 to 1440).</source>
        <translation>Minuter av förfrågningar som siffrorna täcker (standard 5; 1 till 1440).</translation>
    </message>
    <message>
        <source>Frames to show, then end (default: until Ctrl+C).</source>
        <translation>Antal bilder att visa innan det avslutas (standard: tills Ctrl+C).</translation>
    </message>
    <message>
        <source>Show one frame and end (as --count 1).</source>
        <translation>Visa en bild och avsluta (som --count 1).</translation>
    </message>
    <message>
        <source>Print each frame as one JSON line.</source>
        <translation>Skriv ut varje bild som en JSON-rad.</translation>
    </message>
    <message>
        <source>Show GPUs, CPU, memory and, acting as a user, the latest requests&apos; rates and latency percentiles, redrawn until Ctrl+C.</source>
        <translation>Visa GPU:er, CPU, minne och, som en användare, de senaste förfrågningarnas takt och svarstidspercentiler, omritat tills Ctrl+C.</translation>
    </message>
    <message>
        <source>--interval expects 0.2 to 60 seconds</source>
        <translation>--interval förväntar 0,2 till 60 sekunder</translation>
    </message>
    <message>
        <source>--window expects 1 to 1440 minutes</source>
        <translation>--window förväntar 1 till 1440 minuter</translation>
    </message>
    <message>
        <source>--count expects a positive number</source>
        <translation>--count förväntar ett positivt tal</translation>
    </message>
    <message>
        <source>Requests: give --as NAME (and --db PATH) to read them from the installation.</source>
        <translation>Förfrågningar: ange --as NAMN (och --db SÖKVÄG) för att läsa dem från installationen.</translation>
    </message>
    <message>
        <source>fyrctl top: cannot read the requests: %1
</source>
        <translation>fyrctl top: kan inte läsa förfrågningarna: %1
</translation>
    </message>
    <message>
        <source>Also read the memory of Vulkan devices (for GPUs that NVML and amdgpu&apos;s sysfs do not cover).</source>
        <translation>Läs även Vulkan-enheters minne (för GPU:er som NVML och amdgpus sysfs inte täcker).</translation>
    </message>
    <message>
        <source>Where backups go and are listed from (default: the backups folder beside the database, %1).</source>
        <translation>Var säkerhetskopior hamnar och listas från (standard: mappen för säkerhetskopior bredvid databasen, %1).</translation>
    </message>
    <message>
        <source>Serve a model over an OpenAI-compatible HTTP API, through the installation&apos;s gate</source>
        <translation>Betjäna en modell över ett OpenAI-kompatibelt HTTP-API, genom installationens grind</translation>
    </message>
    <message>
        <source>Show and change the installation&apos;s settings: session timeout, trace export, alert outputs</source>
        <translation>Visa och ändra installationens inställningar: sessionens tidsgräns, spårningsexport, larmutdata</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>inbyggd</translation>
    </message>
    <message>
        <source>site</source>
        <translation>anläggning</translation>
    </message>
    <message>
        <source>site (replaces built-in)</source>
        <translation>anläggning (ersätter inbyggd)</translation>
    </message>
    <message>
        <source>origin</source>
        <translation>ursprung</translation>
    </message>
    <message>
        <source>expected catalog list, catalog set or catalog remove</source>
        <translation>catalog list, catalog set eller catalog remove förväntades</translation>
    </message>
    <message>
        <source>expected a catalog table: gpus, cloud_instances or api_prices, got &apos;%1&apos;</source>
        <translation>en katalogtabell förväntades: gpus, cloud_instances eller api_prices, fick &apos;%1&apos;</translation>
    </message>
    <message>
        <source>catalog set: expected TABLE and FIELD=VALUE... (id=... names the row)</source>
        <translation>catalog set: TABELL och FÄLT=VÄRDE... förväntades (id=... anger raden)</translation>
    </message>
    <message>
        <source>catalog set: expected FIELD=VALUE, got &apos;%1&apos;</source>
        <translation>catalog set: FÄLT=VÄRDE förväntades, fick &apos;%1&apos;</translation>
    </message>
    <message>
        <source>catalog set: id=... is required (the row to add or replace)</source>
        <translation>catalog set: id=... krävs (raden som ska läggas till eller ersättas)</translation>
    </message>
    <message>
        <source>catalog remove: expected TABLE and ID</source>
        <translation>catalog remove: TABELL och ID förväntades</translation>
    </message>
    <message>
        <source>%1 removed from the site&apos;s catalog (%2)
</source>
        <translation>%1 borttagen ur anläggningens katalog (%2)
</translation>
    </message>
    <message>
        <source>%1 saved in the site&apos;s catalog (%2)
</source>
        <translation>%1 sparad i anläggningens katalog (%2)
</translation>
    </message>
    <message>
        <source>report, pricing show|set, or catalog list|set|remove</source>
        <translation>report, pricing show|set eller catalog list|set|remove</translation>
    </message>
    <message>
        <source>Print JSON (report, pricing show, catalog list).</source>
        <translation>Skriv ut JSON (report, pricing show, catalog list).</translation>
    </message>
    <message>
        <source>Report what the requests cost (by model, user, day or endpoint), compare with hosted APIs&apos; prices, set the site&apos;s on-prem pricing, and list or change the site&apos;s rows of the price catalog (catalog set TABLE id=ID FIELD=VALUE..., catalog remove TABLE ID; TABLE: gpus, cloud_instances or api_prices).</source>
        <translation>Redovisa vad förfrågningarna kostade (per modell, användare, dag eller slutpunkt), jämför med värdtjänsters API-priser, ange anläggningens egen prissättning och lista eller ändra anläggningens rader i priskatalogen (catalog set TABELL id=ID FÄLT=VÄRDE..., catalog remove TABELL ID; TABELL: gpus, cloud_instances eller api_prices).</translation>
    </message>
    <message>
        <source>expected report, pricing show, pricing set, catalog list, catalog set or catalog remove</source>
        <translation>report, pricing show, pricing set, catalog list, catalog set eller catalog remove förväntades</translation>
    </message>
    <message>
        <source>Guard policy JSON (default: the installation&apos;s own, installed beside --db, else the built-in one).</source>
        <translation>Skyddspolicy i JSON (standard: installationens egen, installerad bredvid --db, annars den inbyggda).</translation>
    </message>
    <message>
        <source>The address to listen on (default 127.0.0.1).</source>
        <translation>Adressen att lyssna på (standard 127.0.0.1).</translation>
    </message>
    <message>
        <source>The port to listen on (default 8080; 0: any free port).</source>
        <translation>Porten att lyssna på (standard 8080; 0: valfri ledig port).</translation>
    </message>
    <message>
        <source>CPU threads for the model (default: one per core).</source>
        <translation>CPU-trådar för modellen (standard: en per kärna).</translation>
    </message>
    <message>
        <source>Serve a model over an OpenAI-compatible HTTP API; API keys from fyrctl keys create, every request through the installation&apos;s gate.</source>
        <translation>Betjäna en modell över ett OpenAI-kompatibelt HTTP-API; API-nycklar från fyrctl keys create, varje förfrågan genom installationens grind.</translation>
    </message>
    <message>
        <source>--as NAME is required: the user who starts the server</source>
        <translation>--as NAMN krävs: användaren som startar servern</translation>
    </message>
    <message>
        <source>--host: expected an IP address such as 127.0.0.1 or ::1, not &apos;%1&apos;</source>
        <translation>--host: en IP-adress som 127.0.0.1 eller ::1 förväntades, inte &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--port: expected a whole number from 0 to 65535</source>
        <translation>--port: ett heltal från 0 till 65535 förväntades</translation>
    </message>
    <message>
        <source>--threads: expected a whole number from 0 to 1024</source>
        <translation>--threads: ett heltal från 0 till 1024 förväntades</translation>
    </message>
    <message>
        <source>no model file at %1</source>
        <translation>ingen modellfil vid %1</translation>
    </message>
    <message>
        <source>serving %1 at %2 as %3; Ctrl+C stops
</source>
        <translation>betjänar %1 på %2 som %3; Ctrl+C stoppar
</translation>
    </message>
    <message numerus="yes">
        <source>stopping; %n answer(s) cut short
</source>
        <translation>
            <numerusform>stoppar; %n svar avbrutet
</numerusform>
            <numerusform>stoppar; %n svar avbrutna
</numerusform>
        </translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(tomt)</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(standard)</translation>
    </message>
    <message>
        <source>list, get KEY, set KEY VALUE or reset KEY</source>
        <translation>list, get NYCKEL, set NYCKEL VÄRDE eller reset NYCKEL</translation>
    </message>
    <message>
        <source>Show and change the installation&apos;s settings (the session timeout, where traces and alerts go). Changes need settings.manage and are recorded in the audit log.</source>
        <translation>Visa och ändra installationens inställningar (sessionens tidsgräns, vart spårningar och larm går). Ändringar kräver settings.manage och registreras i granskningsloggen.</translation>
    </message>
    <message>
        <source>expected list, get KEY, set KEY VALUE or reset KEY</source>
        <translation>list, get NYCKEL, set NYCKEL VÄRDE eller reset NYCKEL förväntades</translation>
    </message>
    <message>
        <source>expected: settings %1</source>
        <translation>förväntades: settings %1</translation>
    </message>
    <message>
        <source>there is no setting &quot;%1&quot; (fyrctl settings list shows them)</source>
        <translation>det finns ingen inställning &quot;%1&quot; (fyrctl settings list visar dem)</translation>
    </message>
    <message>
        <source>KV peak MiB</source>
        <translation>KV-topp MiB</translation>
    </message>
    <message>
        <source>KV mean MiB</source>
        <translation>KV-medel MiB</translation>
    </message>
    <message>
        <source>CPU kernels: scalar, avx2, avx512 or avx512-amx (default: the best this CPU runs).</source>
        <translation>CPU-kärnor: scalar, avx2, avx512 eller avx512-amx (standard: de bästa denna CPU kör).</translation>
    </message>
    <message>
        <source>--kernels: &apos;%1&apos; is not one of scalar, avx2, avx512, avx512-amx</source>
        <translation>--kernels: &apos;%1&apos; är inte en av scalar, avx2, avx512, avx512-amx</translation>
    </message>
    <message>
        <source>Prompt tokens per forward pass (default 128; 1 to 8192).</source>
        <translation>Prompttoken per framåtpass (standard 128; 1 till 8192).</translation>
    </message>
    <message>
        <source>--batch: expected a whole number from 1 to 8192</source>
        <translation>--batch: väntade ett heltal från 1 till 8192</translation>
    </message>
    <message>
        <source>Also show where the time goes: milliseconds per token in each phase of the forward pass, for the prompt and for generation.</source>
        <translation>Visa även vart tiden går: millisekunder per token i varje fas av framåtpasset, för prompten och för genereringen.</translation>
    </message>
    <message>
        <source>profile    ms per token (share)    prompt            generation
</source>
        <translation>profil     ms per token (andel)    prompt            generering
</translation>
    </message>
    <message>
        <source>Tokens already in the context before each prompt and generation run (default 0), as a conversation&apos;s history would be; not timed.</source>
        <translation>Token som redan finns i kontexten före varje prompt- och genereringskörning (standard 0), som en konversations historik; tas inte med i tiden.</translation>
    </message>
    <message>
        <source>-d: expected a whole number of tokens from 0 to 1000000</source>
        <translation>-d: förväntade ett heltal token från 0 till 1000000</translation>
    </message>
    <message>
        <source>--concurrency does not take -d</source>
        <translation>--concurrency tar inte -d</translation>
    </message>
    <message>
        <source>depth      %1 tokens in the context before each run
</source>
        <translation>djup       %1 token i kontexten före varje körning
</translation>
    </message>
    <message>
        <source>KV cache   %1
</source>
        <translation>KV-cache   %1
</translation>
    </message>
    <message>
        <source>The KV cache&apos;s type: f16 (default) or q8_0 (about half the memory per token of context, slightly less exact).</source>
        <translation>KV-cachens typ: f16 (standard) eller q8_0 (ungefär halva minnet per token av kontexten, något mindre exakt).</translation>
    </message>
    <message>
        <source>--kv-type q8_0: the reference pass keeps its cache in F16; drop one of the two</source>
        <translation>--kv-type q8_0: referenspasset håller sin cache i F16; ta bort ett av de två</translation>
    </message>
</context>
</TS>
