/**
 * The requirement catalog: every behaviour of the API page (quoted in docs/platform-facts.md)
 * and of docs/platform-facts.md sections 1-4, each with a stable ID. docs/requirements.md is
 * generated from this file (harness/requirements/generate.ts).
 */
import type { Requirement, RequirementPlatform, RequirementSource } from './types.js';
import { HarnessError } from '../../support/errors/index.js';

const BOTH: readonly RequirementPlatform[] = ['android', 'ios'];
const ANDROID: readonly RequirementPlatform[] = ['android'];
const IOS: readonly RequirementPlatform[] = ['ios'];

const seed = (text: string): RequirementSource => ({ kind: 'seed', text });
const facts = (section: string, text: string): RequirementSource => ({ kind: 'platform-facts', section, text });

const S1 = '1. The API itself';
const S1H = '1. voltmx.net.HttpRequest';
const S1I = '1. voltmx.net.invokeServiceAsync';
const S1R = '1. RawBytes and the app-side APIs';
const S2 = '2. Android client-certificate selection';
const S3 = '3. iOS';
const S4 = '4. nginx client authentication';

const spec = (name: string): string => `specs/${name}.spec.ts`;

const CHALLENGE_SENTENCE =
  'The loaded client certificate is sent to a server for authentication in the SSL Handshake phase only when the server challenges the client to authenticate itself.';
const OPTIONAL_SENTENCE =
  'Client authentication is required in cases where HTTPS servers ( optionally) request the client to authenticate itself using a Digital Certificate before establishing SSL connection.';
const LIFETIME_SENTENCE =
  'Once the certificate is loaded, the client can perform all HTTPS communications using the service invoker and HTTP request APIs till the application is alive.';
const FORMATS_SENTENCE =
  'The PKCS12 encoded client certificates must be loaded in the following data-type formats which can be obtained from various sources such as File System, HTTP Connection and so on .';
const BUNDLED_SENTENCE =
  'In the Android platform, if a certificate is pre bundled in the `Assets` or `res\\raw` folders, you may need to write an FFI to copy the certificate from the `Assets` or `res\\raw` folders to application file system such as cache directory (voltmx.io.FileSystem.getCacheDirectoryPath()). In the iOS platform, you can place the certificate as an image file.';
const REPLACE_SENTENCE =
  'In such cases, you can overwrite previously set certificate with new one before establishing communication with another server by calling loadClientCertificate API with new certificate.';
const MULTI_SENTENCE =
  'In the Android platform, a single .pkcs12 file can contain multiple client certificates and helps to pick the appropriate client certificate automatically for a server during the SSL handshake to enable the communication.';
const CHOOSE_FACT =
  'an identity qualifies when its leaf public key algorithm is one of the key types the server accepts ("RSA", "EC"), and, when the server sent a non-empty list of acceptable CA names, when any certificate of its chain was issued by one of those names.';
const TLS_PRACTICE = 'The API page names no TLS version; servers today negotiate TLS 1.3, and many still speak TLS 1.2 only, so a client must present over both.';
const BASE64_ANDROID_FACT = '`android.util.Base64.decode(..., DEFAULT)` skips every character outside the base64 alphabet (line breaks, spaces, even `!*`).';
const BASE64_APPLE_FACT = "Apple's `Data(base64Encoded:)` without `.ignoreUnknownCharacters` rejects any character outside the base64 alphabet, line breaks included.";
const PASS_OPTIONAL_FACT = 'A Kony iOS header (`CommonNetAPI.h`, 2012) declares `pass` optional: "If password field is missing. Empty string will be used".';
const KEPT_ALIVE = 'the client keeps connections alive: two requests in a row to one server, the second over the first\'s connection (connectionRequests 2). A client that never reuses a connection cannot show the behaviour: the test skips, and the skip is expected.';
const RESUME_FACT =
  'A resumed TLS session keeps the original client identity and verify result: the client does not send its certificate again.';

/**
 * What presenting a certificate builds on: the request goes over TLS 1.3 (the fleet's default)
 * through the API a test uses. A runtime that never presents over TLS 1.3, or whose HttpRequest
 * never presents, then shows as that one requirement, the rest `blocked` by it.
 */
const PRESENTS: readonly string[] = ['CA-TLS13'];
/**
 * What a test that loads several identities one after another in one launch builds on: each
 * load replaces the last completely (no old identity on a new handshake, a pooled connection
 * or a resumed session). Those tests check other behaviour, so they do not restart between
 * loads; a replacement defect shows as CA-REPLACE*, the rest blocked by it.
 */
const SEQUENTIAL: readonly string[] = [...PRESENTS, 'CA-REPLACE', 'CA-REPLACE-KEEPALIVE', 'CA-REPLACE-RESUMPTION'];
/** What "nothing is loaded" builds on: a fresh launch starts without a certificate. */
const FRESH: readonly string[] = ['CA-APP-LIFETIME'];

export const REQUIREMENTS: readonly Requirement[] = [
  // ---- presentation: when the certificate goes out -------------------------------------
  {
    id: 'CA-SEND-ONLY-WHEN-CHALLENGED', level: 'documented', area: 'presentation', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'A loaded certificate is presented in the handshake when the server requests one (the server sees verify SUCCESS and the loaded identity).',
    sources: [seed(CHALLENGE_SENTENCE), facts(S1, 'The certificate is presented only when the server asks for one in the TLS handshake.')],
    checkedBy: [spec('send-only-when-challenged')],
  },
  {
    id: 'CA-NOT-SENT-WITHOUT-REQUEST', level: 'documented', area: 'presentation', subject: 'client', platforms: BOTH,
    summary: 'A server that sends no CertificateRequest receives no certificate (verify NONE) and the request succeeds.',
    sources: [seed('If the server does not challenge the client to authenticate, the certificate is not shared with server.')],
    checkedBy: [spec('send-only-when-challenged')],
  },
  {
    id: 'CA-OPTIONAL-AUTH', level: 'documented', area: 'presentation', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'A server that optionally requests a certificate receives the loaded one (verify SUCCESS).',
    sources: [seed(OPTIONAL_SENTENCE), facts(S4, '`optional` requests a certificate and verifies it if sent')],
    checkedBy: [spec('send-only-when-challenged')],
  },
  {
    id: 'CA-OPTIONAL-AUTH-NONE-LOADED', level: 'documented', area: 'presentation', subject: 'client', platforms: BOTH,
    buildsOn: FRESH,
    summary: 'With no certificate loaded, a server that optionally requests one still answers 200 with verify NONE.',
    sources: [seed(OPTIONAL_SENTENCE), facts(S4, '`optional` requests a certificate and verifies it if sent')],
    checkedBy: [spec('send-only-when-challenged')],
  },
  {
    id: 'CA-REQUIRED-AUTH', level: 'documented', area: 'presentation', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'A server that requires a certificate accepts the loaded, trusted one (HTTP 200, verify SUCCESS, the loaded subject).',
    sources: [seed(OPTIONAL_SENTENCE), seed(CHALLENGE_SENTENCE)],
    checkedBy: [spec('send-only-when-challenged')],
  },
  {
    id: 'CA-REQUIRED-AUTH-NONE-LOADED', level: 'platform', area: 'presentation', subject: 'client', platforms: BOTH,
    buildsOn: FRESH,
    summary: 'With no certificate loaded, a server that requires one answers HTTP 400 "no-certificate"; the client reports the response, not a crash.',
    sources: [facts(S4, 'Failures are not TLS alerts: the handshake completes and nginx answers HTTP 400')],
    checkedBy: [spec('send-only-when-challenged')],
  },
  {
    id: 'CA-BOTH-APIS', level: 'documented', area: 'presentation', subject: 'client', platforms: BOTH,
    buildsOn: ['CA-LOAD-IMMEDIATE'],
    summary: 'The loaded certificate is used by both voltmx.net.HttpRequest and voltmx.net.invokeServiceAsync: each API presents it to a TLS 1.2 or a TLS 1.3 server (a defect of one TLS version is CA-TLS12 or CA-TLS13).',
    sources: [seed(LIFETIME_SENTENCE), facts(S1, 'Used by the service invoker and the HTTP request API.')],
    checkedBy: [spec('send-only-when-challenged')],
  },
  {
    id: 'CA-APP-LIFETIME', level: 'documented', area: 'presentation', subject: 'client', platforms: BOTH,
    buildsOn: [...PRESENTS, 'CA-TLS12'],
    summary: 'The certificate stays in force for every later request of the same app launch, and is gone after the app restarts.',
    sources: [seed(LIFETIME_SENTENCE), facts(S1, 'The certificate is unloaded when the application exits (memory only, app lifetime).')],
    checkedBy: [spec('app-lifetime')],
  },
  {
    id: 'CA-TLS12', level: 'practice', area: 'presentation', subject: 'client', platforms: BOTH,
    buildsOn: ['CA-BOTH-APIS'],
    summary: 'Client authentication works against a TLS 1.2-only server.',
    sources: [seed(CHALLENGE_SENTENCE)],
    practice: TLS_PRACTICE,
    checkedBy: [spec('tls-versions')],
  },
  {
    id: 'CA-TLS13', level: 'practice', area: 'presentation', subject: 'client', platforms: BOTH,
    buildsOn: ['CA-BOTH-APIS'],
    summary: 'Client authentication works against a TLS 1.3-only server (CertificateRequest encrypted).',
    sources: [seed(CHALLENGE_SENTENCE)],
    practice: TLS_PRACTICE,
    checkedBy: [spec('tls-versions')],
  },
  {
    id: 'CA-CHAIN-INTERMEDIATE', level: 'practice', area: 'presentation', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'An identity issued by an intermediate CA is accepted by a server trusting only the root, because the client sends the intermediate from the bundle.',
    practice: 'Client identities are issued by intermediate CAs and servers trust the root: without the intermediate the server cannot verify the identity.',
    sources: [seed('The client certificate must be of PKCS12 certificate type (encoding format), which includes both private key and certificate of the client.')],
    open: { question: 'The sources do not say whether the chain in the PKCS#12 is sent.', decision: 'The client sends the leaf followed by the bundle\'s intermediates.' },
    checkedBy: [spec('chain')],
  },
  {
    id: 'CA-REDIRECT-PRESENTS', level: 'documented', area: 'presentation', subject: 'client', platforms: BOTH,
    // It loads a second identity in the same launch to show "the identity then loaded".
    buildsOn: SEQUENTIAL,
    summary: 'An HttpRequest that follows a redirect from a server without client authentication to one that requires it presents there the identity loaded at that moment.',
    sources: [seed(LIFETIME_SENTENCE), seed(CHALLENGE_SENTENCE)],
    open: { question: 'The sources do not say whether HttpRequest follows redirects, nor which identity a redirect hop uses.', decision: 'Following is not required (a runtime that returns the 302 as it is skips the test); a hop that is followed is a new handshake with the identity then loaded (docs/decisions.md D3, D5).' },
    checkedBy: [spec('redirect')],
  },
  {
    id: 'CA-IDLE-STILL-IN-FORCE', level: 'documented', area: 'presentation', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'After a long idle period in the same launch (beyond the server\'s keep-alive and session lifetimes, so a new connection and a full handshake), both APIs still present the loaded certificate.',
    sources: [seed(LIFETIME_SENTENCE), facts(S1, 'The certificate is unloaded when the application exits (memory only, app lifetime).')],
    open: { question: 'How long an idle period must be survived.', decision: 'Any: the server (scenario idle-required-a) closes idle connections after 2 s and keeps sessions 2 s, standing in for minutes of idling; the app idles past both.' },
    checkedBy: [spec('idle')],
  },
  // ---- loading --------------------------------------------------------------------------
  {
    id: 'CA-LOAD-RAWBYTES', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    // Its test loads several identities one after another in one launch.
    buildsOn: SEQUENTIAL,
    summary: 'loadClientCertificate({cert: RawBytes, pass}) returns true and the certificate is then presented, with the platform\'s RawBytes from each source an app has: new voltmx.io.File(path).read(), voltmx.convertToRawBytes(base64) and an HttpRequest with responseType "rawdata", passed unchanged.',
    sources: [seed(FORMATS_SENTENCE), seed('RawBytes [Userdata]'), facts(S1, '`cert`: the PKCS#12 file (private key + certificate) as RawBytes or as a base64 string.'),
      facts(S1R, 'Apps get RawBytes from `new voltmx.io.File(path).read()` (null when unreadable), from `voltmx.convertToRawBytes(base64String)`, or from an HttpRequest with `responseType = "rawdata"`; `voltmx.convertToBase64(rawBytes)` turns RawBytes back into text.')],
    checkedBy: [spec('loading')],
  },
  {
    id: 'CA-LOAD-BASE64', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'loadClientCertificate({cert: base64 string, pass}) returns true and the certificate is then presented.',
    sources: [seed(FORMATS_SENTENCE), seed('base64String [String]'), facts(S1, '`cert`: the PKCS#12 file (private key + certificate) as RawBytes or as a base64 string.')],
    checkedBy: [spec('loading')],
  },
  {
    id: 'CA-LOAD-FROM-FILE', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: SEQUENTIAL,
    summary: 'Bytes read from the app file system with voltmx.io load.',
    sources: [seed(FORMATS_SENTENCE), seed('In both the platforms, use the voltmx.io APIs to read the certificate in RawBytes format and load the certificate using the loadClientCertificate API.')],
    checkedBy: [spec('loading')],
  },
  {
    id: 'CA-LOAD-FROM-HTTP', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: SEQUENTIAL,
    summary: 'Bytes downloaded over an HTTP connection load.',
    sources: [seed(FORMATS_SENTENCE)],
    checkedBy: [spec('loading')],
  },
  {
    id: 'CA-LOAD-RETURNS-TRUE', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: SEQUENTIAL,
    summary: 'A successful load returns the boolean true.',
    sources: [facts(S1, 'Returns a Boolean: whether the certificate was loaded.')],
    checkedBy: [spec('loading')],
  },
  {
    id: 'CA-PKCS12-LEGACY', level: 'platform', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: SEQUENTIAL,
    summary: 'A PKCS#12 made with legacy algorithms (3DES, SHA-1 MAC) loads.',
    sources: [facts(S3, 'files made with `-legacy` (RC2-40 / 3DES / SHA-1 MAC) import.')],
    checkedBy: [spec('loading')],
  },
  {
    id: 'CA-PKCS12-MODERN', level: 'practice', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: SEQUENTIAL,
    summary: 'A PKCS#12 made with OpenSSL 3 defaults (PBES2, AES-256-CBC, SHA-256 MAC) loads.',
    sources: [facts(S3, "Apple's Security framework has long rejected PKCS#12 files made with OpenSSL 3 defaults (PBES2 / AES-256-CBC / SHA-256 MAC) with error -25293")],
    practice: 'OpenSSL 3, where most PKCS#12 files come from today, writes these by default.',
    open: { question: 'The first iOS version that accepts AES files is unconfirmed.', decision: 'Required on both platforms; older iOS devices record an expected failure in their expectations file.' },
    checkedBy: [spec('loading')],
  },
  {
    id: 'CA-PKCS12-FORMAT', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: FRESH,
    summary: 'Input that is not a PKCS#12 (a PEM certificate, random bytes) returns false.',
    sources: [seed('The client certificate must be of PKCS12 certificate type (encoding format), which includes both private key and certificate of the client.')],
    checkedBy: [spec('bad-input')],
  },
  {
    id: 'CA-BADINPUT-FALSE', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: [...FRESH, 'CA-PASSWORD-WRONG'],
    summary: 'Corrupt, truncated or empty PKCS#12 bytes (as RawBytes or as the base64 of those bytes), and text with no base64 reading that is a PKCS#12, return false without throwing.',
    sources: [facts(S1, 'Returns a Boolean: whether the certificate was loaded.')],
    checkedBy: [spec('bad-input')],
  },
  {
    id: 'CA-BASE64-STRICT', level: 'decision', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: [...FRESH, 'CA-BADINPUT-FALSE'],
    summary: 'A base64 cert with characters outside the standard alphabet (punctuation inside a valid file\'s base64, the URL-safe alphabet, a data: URI) returns false.',
    sources: [facts(S1, 'Returns a Boolean: whether the certificate was loaded.'), facts(S2, BASE64_ANDROID_FACT), facts(S3, BASE64_APPLE_FACT)],
    open: { question: 'Which base64 forms count as valid: Android\'s decoder skips characters outside the alphabet, Apple\'s refuses them.', decision: 'Standard alphabet, with or without padding and line breaks; anything else returns false, as Apple\'s decoder does (docs/decisions.md D2).' },
    checkedBy: [spec('bad-input')],
  },
  {
    id: 'CA-PASSWORD-WRONG', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: FRESH,
    summary: 'A wrong password returns false.',
    sources: [facts(S1, '`pass`: the PKCS#12 password; `""` when the file has no password.'), facts(S1, 'Returns a Boolean: whether the certificate was loaded.')],
    checkedBy: [spec('passwords')],
  },
  {
    id: 'CA-PASSWORD-EMPTY', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: SEQUENTIAL,
    summary: 'A PKCS#12 encrypted under the empty password loads with pass "".',
    sources: [facts(S1, '`pass`: the PKCS#12 password; `""` when the file has no password.')],
    checkedBy: [spec('passwords')],
  },
  {
    id: 'CA-PKCS12-UNENCRYPTED', level: 'decision', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: [...SEQUENTIAL, 'CA-PASSWORD-EMPTY'],
    summary: 'An unencrypted PKCS#12 (no password at all) loads with pass "".',
    sources: [facts(S1, '`pass`: the PKCS#12 password; `""` when the file has no password.'), facts(S3, 'Apple documents that it does not import PKCS#12 data without a password')],
    open: { question: 'Apple documents that SecPKCS12Import refuses password-less data; unconfirmed on current iOS.', decision: 'Loaded on both platforms, as the Volt MX page advises pass "" for a file without a password; an iOS runtime that answers false differs.' },
    checkedBy: [spec('passwords')],
  },
  {
    id: 'CA-PKCS12-NO-KEY', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: FRESH,
    summary: 'A PKCS#12 holding a certificate but no private key returns false.',
    sources: [seed('The client certificate must be of PKCS12 certificate type (encoding format), which includes both private key and certificate of the client.')],
    open: { question: 'The sources do not say what happens with a key-less PKCS#12.', decision: 'It is bad input: the load returns false and the previous certificate stays.' },
    checkedBy: [spec('bad-input')],
  },
  // ---- errors -----------------------------------------------------------------------------
  {
    id: 'CA-ERR-100', level: 'documented', area: 'errors', subject: 'client', platforms: BOTH,
    summary: 'Parameters of the wrong type (cert a number, null or an object, pass a number, the table not an object) throw error code 100.',
    sources: [facts(S1, 'Documented exceptions: `100` invalid type of parameters, `101` invalid number of arguments.')],
    checkedBy: [spec('bad-input')],
  },
  {
    id: 'CA-PASS-REQUIRED', level: 'decision', area: 'errors', subject: 'client', platforms: BOTH,
    buildsOn: FRESH,
    summary: 'A table without pass throws error code 100.',
    sources: [facts(S1, 'Documented exceptions: `100` invalid type of parameters, `101` invalid number of arguments.'), facts(S3, PASS_OPTIONAL_FACT)],
    open: { question: 'Whether a missing `pass` means "" (as the 2012 Kony iOS header says) or is an error.', decision: 'A missing pass is error 100 (docs/decisions.md D1); a runtime that reads it as "" differs.' },
    checkedBy: [spec('bad-input')],
  },
  {
    id: 'CA-ERR-101', level: 'documented', area: 'errors', subject: 'client', platforms: BOTH,
    buildsOn: FRESH,
    summary: 'Calling loadClientCertificate with no argument or with two arguments throws error code 101.',
    sources: [facts(S1, 'Documented exceptions: `100` invalid type of parameters, `101` invalid number of arguments.')],
    checkedBy: [spec('bad-input')],
  },
  // ---- replacement and removal ---------------------------------------------------------------
  {
    id: 'CA-REPLACE', level: 'documented', area: 'replacement', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'A second successful load replaces the first: the next handshake presents the new identity.',
    sources: [seed(REPLACE_SENTENCE), facts(S1, 'A successful load replaces the previous certificate.')],
    checkedBy: [spec('replace')],
  },
  {
    id: 'CA-REPLACE-KEEPALIVE', level: 'documented', area: 'replacement', subject: 'client', platforms: BOTH,
    buildsOn: ['CA-REPLACE'],
    summary: 'After a replacement, a request to a server the client holds a kept-alive connection to presents the new identity: the connection made with the old identity is not reused (the server sees a new connection, connectionRequests 1).',
    sources: [seed(REPLACE_SENTENCE), facts(S1, 'A successful load replaces the previous certificate.')],
    precondition: KEPT_ALIVE,
    open: { question: 'The sources do not say how a runtime keeps connections alive, or whether at all.', decision: 'A successful load closes pooled connections (docs/decisions.md D3); the requirement asks only that the new identity is presented.' },
    checkedBy: [spec('replace')],
  },
  {
    id: 'CA-REPLACE-RESUMPTION', level: 'documented', area: 'replacement', subject: 'client', platforms: BOTH,
    buildsOn: ['CA-REPLACE'],
    summary: 'After a replacement, a server that resumes TLS sessions sees the new identity: the client never resumes a session made with a replaced identity (resuming one of the identity loaded again is allowed).',
    sources: [seed(REPLACE_SENTENCE), facts(S1, 'A successful load replaces the previous certificate.'), facts(S4, RESUME_FACT), facts(S3, "Apple's TLS session cache lasts about ten minutes and has no public flush call.")],
    open: { question: 'Neither source says whether TLS sessions are dropped on replacement; iOS offers no flush call.', decision: 'The reference discards cached sessions on every load (docs/decisions.md D3); the requirement asks only that no session of another identity is resumed, so a runtime that keeps sessions per identity, or never resumes, conforms.' },
    checkedBy: [spec('replace')],
  },
  {
    id: 'CA-FAILED-LOAD-KEEPS-OLD', level: 'documented', area: 'replacement', subject: 'client', platforms: BOTH,
    buildsOn: [...PRESENTS, 'CA-PASSWORD-WRONG', 'CA-BADINPUT-FALSE', 'CA-ERR-101'],
    summary: 'A failed load (wrong password, bad bytes) returns false and leaves the previously loaded certificate in force.',
    sources: [facts(S1, 'If loading fails, the previously loaded certificate stays in force.')],
    checkedBy: [spec('replace')],
  },
  {
    id: 'CA-REMOVE', level: 'documented', area: 'replacement', subject: 'client', platforms: ANDROID,
    buildsOn: SEQUENTIAL,
    summary: 'removeClientCertificate() takes no argument, returns nothing, and afterwards no certificate is presented on a new connection, through both APIs.',
    sources: [facts(S1, '`voltmx.net.removeClientCertificate()`: no parameters, no return value; Android only.')],
    open: { question: 'What an iOS app gets when it calls it.', decision: 'On iOS it exists and does nothing; specs do not expect removal there (docs/decisions.md D4).' },
    checkedBy: [spec('remove')],
  },
  {
    id: 'CA-REPLACE-IN-FLIGHT', level: 'practice', area: 'replacement', subject: 'client', platforms: BOTH,
    practice: 'Apps load or remove a certificate while other requests run (a login next to a background sync): a replacement that aborts or fails them breaks communication the documentation says goes on while the app lives.',
    // Requests after the load go to servers it already talked to: a pooled connection or a resumed
    // session of the old identity shows as those requirements, not as this one.
    buildsOn: ['CA-REPLACE', 'CA-REPLACE-KEEPALIVE', 'CA-REPLACE-RESUMPTION'],
    summary: 'Requests still in flight when a new certificate is loaded complete (not aborted, not failed) with one whole identity, the old or the new; requests started after the load present the new one.',
    sources: [seed(REPLACE_SENTENCE), facts(S1, 'A successful load replaces the previous certificate.')],
    open: { question: 'Which identity a request in flight during a replacement presents.', decision: 'Either is accepted (the server trusts both); the reference presents the identity in force when the request started (docs/decisions.md D3). Completing is required: the sources only speak of communication after the load.' },
    checkedBy: [spec('in-flight')],
  },
  {
    id: 'CA-REMOVE-IN-FLIGHT', level: 'practice', area: 'replacement', subject: 'client', platforms: ANDROID,
    practice: 'Apps load or remove a certificate while other requests run (a login next to a background sync): a replacement that aborts or fails them breaks communication the documentation says goes on while the app lives.',
    buildsOn: ['CA-REMOVE', 'CA-REMOVE-KEEPALIVE'],
    summary: 'Requests still in flight when removeClientCertificate() is called complete with the old identity or none; requests started after it present none.',
    sources: [facts(S1, '`voltmx.net.removeClientCertificate()`: no parameters, no return value; Android only.')],
    open: { question: 'What removal does to requests in flight.', decision: 'They complete with either (the server makes the certificate optional); the reference keeps the identity in force when they started (docs/decisions.md D3).' },
    checkedBy: [spec('in-flight')],
  },
  {
    id: 'CA-REMOVE-KEEPALIVE', level: 'documented', area: 'replacement', subject: 'client', platforms: ANDROID,
    buildsOn: ['CA-REMOVE'],
    summary: 'After removeClientCertificate(), a request to a server the client holds a kept-alive connection to presents nothing: the connection made with the removed identity is not reused.',
    sources: [facts(S1, '`voltmx.net.removeClientCertificate()`: no parameters, no return value; Android only.')],
    precondition: KEPT_ALIVE,
    open: { question: 'The sources do not say how a runtime keeps connections alive, or whether at all.', decision: 'Removal closes pooled connections (docs/decisions.md D3); the requirement asks only that nothing is presented.' },
    checkedBy: [spec('remove')],
  },
  // ---- identity selection ----------------------------------------------------------------------
  {
    id: 'CA-MULTI-ANDROID-BY-CA', level: 'platform', area: 'identity-selection', subject: 'client', platforms: ANDROID,
    buildsOn: SEQUENTIAL,
    summary: 'From a multi-identity PKCS#12, the identity whose chain was issued by a CA the server advertises is presented.',
    sources: [seed(MULTI_SENTENCE), facts(S2, CHOOSE_FACT)],
    checkedBy: [spec('multi-identity-android')],
  },
  {
    id: 'CA-MULTI-ANDROID-BY-KEYTYPE', level: 'platform', area: 'identity-selection', subject: 'client', platforms: ANDROID,
    buildsOn: SEQUENTIAL,
    summary: 'Only identities whose leaf key type (RSA, EC) the server accepts qualify: against a server advertising A and B but accepting only ECDSA keys, rsa-a+ec-b (either order) presents ec-b, and rsa-a alone presents nothing (HTTP 400 no-certificate).',
    sources: [seed(MULTI_SENTENCE), facts(S2, CHOOSE_FACT)],
    open: { question: 'What iOS does against such a server (it has no selection rule, §3).', decision: 'Android only. iOS presents the first identity (CA-MULTI-IOS-FIRST); an RSA one cannot sign with a requested algorithm, and an OpenSSL server (nginx) refuses a CertificateVerify with a signature algorithm it did not request with a fatal alert ("wrong signature type"), so the handshake fails and the server observes no request; a client stack that withholds the identity instead gets 400 no-certificate. Neither is specified.' },
    checkedBy: [spec('multi-identity-android')],
  },
  {
    id: 'CA-MULTI-ANDROID-EMPTY-CA-LIST', level: 'platform', area: 'identity-selection', subject: 'client', platforms: ANDROID,
    buildsOn: SEQUENTIAL,
    summary: 'A server that advertises no CA names accepts any identity of a fitting key type; one is presented.',
    sources: [facts(S2, 'An empty list accepts any identity of a fitting key type.')],
    checkedBy: [spec('multi-identity-android')],
  },
  {
    id: 'CA-MULTI-ANDROID-NO-FIT', level: 'platform', area: 'identity-selection', subject: 'client', platforms: ANDROID,
    buildsOn: SEQUENTIAL,
    summary: 'When no identity fits the advertised CAs, the client sends an empty Certificate message (the server sees NONE), also from a multi-identity file against a server advertising only root C, which issued none of them.',
    sources: [facts(S2, 'No match: no identity is chosen, and the client answers with an empty Certificate message.')],
    checkedBy: [spec('multi-identity-android')],
  },
  {
    id: 'CA-MULTI-ANDROID-ANY-WINNER', level: 'platform', area: 'identity-selection', subject: 'client', platforms: ANDROID,
    buildsOn: SEQUENTIAL,
    summary: 'When several identities qualify, any of them may be presented (the spec accepts each).',
    sources: [facts(S2, 'Among several qualifying identities the order is a hash-table order, not file order: a conformance test must not depend on which of two qualifying identities wins.')],
    checkedBy: [spec('multi-identity-android')],
  },
  {
    id: 'CA-MULTI-ANDROID-NO-DATE-CHECK', level: 'platform', area: 'identity-selection', subject: 'client', platforms: ANDROID,
    buildsOn: SEQUENTIAL,
    summary: 'An expired identity under an advertised CA is still chosen and presented (the server then rejects it).',
    sources: [facts(S2, 'Validity dates, key usage and extended key usage are not checked when choosing.')],
    checkedBy: [spec('multi-identity-android')],
  },
  {
    id: 'CA-MULTI-ANDROID-NO-EKU-CHECK', level: 'platform', area: 'identity-selection', subject: 'client', platforms: ANDROID,
    buildsOn: SEQUENTIAL,
    summary: 'An identity under an advertised CA whose extended key usage is serverAuth only is still chosen and presented (the server then judges it).',
    sources: [facts(S2, 'Validity dates, key usage and extended key usage are not checked when choosing.')],
    checkedBy: [spec('multi-identity-android')],
  },
  {
    id: 'CA-MULTI-IOS-FIRST', level: 'practice', area: 'identity-selection', subject: 'client', platforms: IOS,
    buildsOn: SEQUENTIAL,
    summary: 'A multi-identity PKCS#12 loads on iOS, and a server that trusts the CA of the file\'s first identity receives that identity, through both APIs.',
    practice: 'Apps take the first identity `SecPKCS12Import` returns; a runtime that filters by the challenge\'s CA names picks the same one for a server that trusts its CA.',
    sources: [facts(S1, 'iOS: no such selection is documented (unconfirmed which identity iOS uses; the common practice with `SecPKCS12Import` is the first identity).'), facts(S3, '`SecPKCS12Import` returns one item per identity; apps usually take the first.')],
    checkedBy: [spec('multi-identity-ios')],
  },
  {
    id: 'CA-MULTI-IOS-UNFILTERED', level: 'decision', area: 'identity-selection', subject: 'client', platforms: IOS,
    buildsOn: ['CA-MULTI-IOS-FIRST'],
    summary: 'iOS presents the file\'s first identity also to a server that advertises only another identity\'s CA (which then refuses it).',
    sources: [facts(S3, '`SecPKCS12Import` returns one item per identity; apps usually take the first.'), facts(S3, 'URLSession challenges with `NSURLAuthenticationMethodClientCertificate` carry the acceptable CA names in `protectionSpace.distinguishedNames` (DER).')],
    open: { question: 'Which identity iOS uses is unconfirmed; a runtime may filter its identities by the challenge\'s distinguishedNames, which no source forbids.', decision: 'The first identity of the file, whatever the server advertises; a runtime that filters differs.' },
    checkedBy: [spec('multi-identity-ios')],
  },
  // ---- what the server judges -------------------------------------------------------------------
  {
    id: 'CA-SERVER-REJECTS-EXPIRED', level: 'platform', area: 'server-judgement', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'An expired identity is presented and the server answers HTTP 400 "certificate-error"; the client surfaces the 400.',
    sources: [facts(S4, 'Failures are not TLS alerts: the handshake completes and nginx answers HTTP 400'), facts(S2, 'Validity dates, key usage and extended key usage are not checked when choosing.')],
    checkedBy: [spec('server-judgement')],
  },
  {
    id: 'CA-SERVER-REJECTS-UNTRUSTED', level: 'platform', area: 'server-judgement', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'A self-signed identity is not accepted by a server requiring root A: the answer is HTTP 400 and the server never sees verify SUCCESS, whether the client withholds the identity (it does not fit the advertised CA) or presents it; a server advertising no CA names receives it and refuses it.',
    sources: [facts(S4, 'Failures are not TLS alerts: the handshake completes and nginx answers HTTP 400')],
    checkedBy: [spec('server-judgement')],
  },
  {
    id: 'CA-SERVER-OPTIONAL-NO-CA', level: 'platform', area: 'server-judgement', subject: 'client', platforms: BOTH,
    buildsOn: [...SEQUENTIAL, 'CA-MULTI-ANDROID-NO-FIT'],
    summary: 'An optional_no_ca server advertising root A answers HTTP 200 to a client holding only a self-signed identity: Android withholds the identity (it does not fit A, §2), so the server sees verify NONE; iOS either presents it (the first identity, §3), which the server tolerates with verify FAILED:self-signed certificate, or withholds it (filtering by the advertised CA names), verify NONE.',
    sources: [facts(S4, '`optional_no_ca` requests one but does not require a trusted issuer.')],
    checkedBy: [spec('server-judgement')],
  },
  {
    id: 'CA-SERVER-VERIFY-VARIABLES', level: 'platform', area: 'server-judgement', subject: 'server', platforms: BOTH,
    summary: 'Every backend reports verify, subject, issuer, serial, fingerprint, protocol and session reuse as nginx does.',
    sources: [facts(S4, '`$ssl_client_verify` is `SUCCESS`, `FAILED:reason` or `NONE`; `$ssl_client_s_dn`, `$ssl_client_i_dn`, `$ssl_client_serial`, `$ssl_client_fingerprint`; `$ssl_session_reused` is `r` or `.`; `$ssl_protocol`.')],
    checkedBy: ['servers/'],
  },
  {
    id: 'CA-SERVER-ADVERTISES-CAS', level: 'platform', area: 'server-judgement', subject: 'server', platforms: BOTH,
    summary: 'Servers send exactly the scenario\'s advertised CA names in the CertificateRequest.',
    sources: [facts(S4, 'The CA names in `ssl_client_certificate` are sent to the client in CertificateRequest; those in `ssl_trusted_certificate` are used for verification but not sent.')],
    checkedBy: ['servers/'],
  },
  // ---- voltmx.net.HttpRequest -----------------------------------------------------------------------
  {
    id: 'CA-HTTP-READYSTATES', level: 'documented', area: 'http-request', subject: 'client', platforms: BOTH,
    summary: 'readyState is UNSENT 0 on a new object and OPENED 1 after open(); onReadyStateChange announces only the documented states 1 to 4, never going back, and ends with DONE 4.',
    open: { question: 'Whether every state is announced (LOADING for a small body, OPENED set before send) and how often.', decision: 'The reference announces OPENED, HEADERS_RECEIVED, LOADING and DONE; the requirement asks only for the order and DONE last.' },
    sources: [facts(S1H, '`readyState`: UNSENT 0, OPENED 1, HEADERS_RECEIVED 2, LOADING 3, DONE 4 (DONE also on failure).'), facts(S1H, '`onReadyStateChange` callback without arguments on every readyState change.')],
    checkedBy: [spec('request-apis')],
  },
  {
    id: 'CA-HTTP-DONE-ON-FAILURE', level: 'documented', area: 'http-request', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'A TLS or network failure ends with readyState DONE and status 0: a refused connection, and a handshake that fails because the server certificate is not trusted.',
    sources: [facts(S1H, '`readyState`: UNSENT 0, OPENED 1, HEADERS_RECEIVED 2, LOADING 3, DONE 4 (DONE also on failure).')],
    checkedBy: [spec('http-request')],
  },
  {
    id: 'CA-HTTP-METHODS', level: 'documented', area: 'http-request', subject: 'client', platforms: BOTH,
    summary: 'GET and POST work in any letter case; an unknown method or a malformed URL throws SyntaxError.',
    sources: [facts(S1H, '(GET/POST, case-insensitive; bad method or URL -> SyntaxError)')],
    open: { question: 'Whether HEAD, PUT and DELETE are accepted.', decision: 'Accepted; specs test only GET and POST and a clearly unknown method (docs/decisions.md D5).' },
    checkedBy: [spec('request-apis')],
  },
  {
    id: 'CA-HTTP-INVALID-STATE', level: 'documented', area: 'http-request', subject: 'client', platforms: BOTH,
    summary: 'setRequestHeader before open or after send, and a second send, throw InvalidStateError.',
    sources: [facts(S1H, '(before `open` or after `send` -> InvalidStateError; repeated header values are joined by ", ")'), facts(S1H, 'second `send` -> InvalidStateError')],
    checkedBy: [spec('request-apis')],
  },
  {
    id: 'CA-HTTP-RESPONSE', level: 'documented', area: 'http-request', subject: 'client', platforms: BOTH,
    summary: 'status is 0 before send; response is typed by responseType and content type (JSON parse failure gives null); response headers are readable but Set-Cookie is never exposed.',
    sources: [
      facts(S1H, '`status` (0 before send), `statusText`, `response` (typed by `responseType`: text, json, document, rawdata, chosen from the response content type; failed JSON parse -> null)'),
      facts(S1H, '`getAllResponseHeaders()`, `getResponseHeader(name)` (no Set-Cookie; null before a response)'),
    ],
    checkedBy: [spec('request-apis')],
  },
  {
    id: 'CA-HTTP-ERR-CODES', level: 'documented', area: 'http-request', subject: 'client', platforms: BOTH,
    summary: 'The request object throws 100 for a wrong parameter type and 101 for a wrong argument count.',
    sources: [facts(S1H, 'Error codes of the object: `100` invalid parameter type, `101` invalid number of arguments.')],
    checkedBy: [spec('request-apis')],
  },
  // ---- voltmx.net.invokeServiceAsync ------------------------------------------------------------------
  {
    id: 'CA-INVOKE-STATUSES', level: 'documented', area: 'service-invoker', subject: 'client', platforms: BOTH,
    summary: 'The callback starts with 100 (started) and ends with one 400 (finished), success or failure, with nothing but 200 (in progress, any number of times) between.',
    open: { question: 'How often 200 (in progress) is reported.', decision: 'The reference reports it once; the requirement accepts any number.' },
    sources: [facts(S1I, '`callback(status, result, info?)`: status 100 started, 200 in progress, 300 cancelled, 400 finished (success or failure).')],
    checkedBy: [spec('invoke-service')],
  },
  {
    id: 'CA-INVOKE-SUCCESS', level: 'documented', area: 'service-invoker', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'A successful call gives opstatus 0 and httpresponse.responsecode 200; httpconfig.method chooses GET or POST (default POST).',
    sources: [facts(S1I, '`result.opstatus`: 0 success, anything else failure'), facts(S1I, '`httpconfig` (`{ timeout: seconds, method: "get" | "post" }`, default post)')],
    checkedBy: [spec('invoke-service')],
  },
  {
    id: 'CA-INVOKE-CANCEL', level: 'documented', area: 'service-invoker', subject: 'client', platforms: BOTH,
    summary: 'voltmx.net.cancel(handle) cancels a call (status 300); invalid input returns null instead of a handle.',
    sources: [facts(S1I, 'returns a connection handle usable with `voltmx.net.cancel(handle)`, or null for invalid input.')],
    checkedBy: [spec('request-apis')],
  },
  {
    id: 'CA-ERRCODE-1200', level: 'documented', area: 'service-invoker', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'A failed TLS handshake (a self-signed server certificate the app does not trust, same host names) ends with opstatus != 0 and errcode 1200.',
    sources: [facts(S1I, '1200 SSL / certificate error')],
    checkedBy: [spec('invoke-service')],
  },
  {
    id: 'CA-ERRCODE-HTTP-400', level: 'decision', area: 'service-invoker', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'A client-auth refusal the server sends as HTTP 400 after a completed handshake (no certificate, an expired one) is not 1200 but errcode 1012 with responsecode 400.',
    sources: [facts(S1I, '1200 SSL / certificate error'), facts(S1I, '1000 unknown, 1011 no connectivity, 1012 request failed, 1013 invalid JSON')],
    open: { question: 'Whether an HTTP 400 sent by the server after a completed handshake (client-auth failure) is 1200 or an HTTP response.', decision: 'A completed handshake is an HTTP response (errcode 1012, responsecode 400); 1200 is for TLS failures: alerts, a refused client certificate, an untrusted server (docs/decisions.md D6). A runtime that reports such a refusal as 1200 differs.' },
    checkedBy: [spec('invoke-service')],
  },
  {
    id: 'CA-ERRCODE-CONNECT', level: 'documented', area: 'service-invoker', subject: 'client', platforms: BOTH,
    summary: 'A closed port gives errcode 1016 (cannot connect to host); a timeout gives 1014.',
    sources: [facts(S1I, '1014 timeout, 1015 cannot find host, 1016 cannot connect to host')],
    checkedBy: [spec('invoke-service')],
  },  {
    id: 'CA-MULTI-ANDROID-TLS12-KEY-TYPES', level: 'platform', area: 'identity-selection', subject: 'client', platforms: ANDROID,
    // A refinement of the selection rule, checked with several loads in one launch.
    buildsOn: [...SEQUENTIAL, 'CA-TLS12', 'CA-MULTI-ANDROID-BY-KEYTYPE'],
    platformVersion: { android: '>=10' },
    summary: 'In TLS 1.2 an identity qualifies only when its key type is in both the certificate_types and the signature_algorithms of the CertificateRequest: a Java (SunJSSE) server listing every certificate type but allowing only ECDSA signatures gets ec-b from rsa-a+ec-b (either order), and nothing from rsa-a alone (HTTP 400 no-certificate); allowing only RSA signatures, it gets rsa-a. OpenSSL servers (the other backends) agree with both rules at once.',
    sources: [facts(S2, 'The key types the server accepts: in TLS 1.2, when the CertificateRequest carries both `certificate_types` and `signature_algorithms`, a key type must fit **both**')],
    open: { question: 'What a client does when the two lists disagree (RFC 5246 7.4.4 requires a certificate that satisfies both, but a client choosing by certificate_types alone sends an empty Certificate instead); which Android release first shipped Conscrypt\'s change (commit d0dad4fb, 2018-07-28, Conscrypt 1.2.0; Android 9 was released on 2018-08-06) is inferred from the dates, not read in Android 9\'s branch.', decision: 'The intersection, as Conscrypt since 2018 (docs/decisions.md, "Android identity choice"), on Android 10 and later, the first release after the change: older Android chose by certificate_types alone, so there the requirement does not apply (its tests skip on a device whose platform version is known to be older). Checked against the Java judge (servers/java), which needs javac: without it the Java cases skip with the reason, and fail under CI=true.' },
    checkedBy: [spec('tls12-key-types-android')],
  },
  {
    id: 'CA-MULTI-ANDROID-X500-NAMES', level: 'platform', area: 'identity-selection', subject: 'client', platforms: ANDROID,
    // A refinement of the selection rule, checked with several loads in one launch.
    buildsOn: [...SEQUENTIAL, 'CA-TLS12', 'CA-MULTI-ANDROID-BY-CA'],
    summary: 'Advertised CA names match a chain\'s issuer names as X.500 names, not as bytes: identities whose issuer name is spelled otherwise than their CA\'s subject (PrintableString for a UTF8String subject; upper case) are presented to servers advertising that CA (nginx and Node servers, and the Java judge).',
    sources: [facts(S2, 'CA names are compared as X.500 names, not as bytes')],
    open: { question: 'Which name comparison (bytes, OpenSSL\'s canonical encoding, X500Principal\'s canonical string).', decision: 'X500Principal.equals, Android\'s: directory strings as text, spaces collapsed, lower case; other value types by their DER (docs/decisions.md, "Android identity choice").' },
    checkedBy: [spec('ca-names-android')],
  },
  // ---- issue 11: what the documentation promises, each checked on its own -------------
  {
    id: 'CA-LOAD-IMMEDIATE', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    summary: 'A request started right after loadClientCertificate returns true presents the new identity: the load is in force when the call returns, with no grace period. Judged over each request API and TLS version that presents at all (a request on the same path a little later): a defect of one API or one TLS version is that requirement\'s, not this one\'s.',
    sources: [seed(REPLACE_SENTENCE), seed(LIFETIME_SENTENCE)],
    open: { question: 'The API page does not say when a load takes effect.', decision: 'When the call returns: the next request (even one started at once, in the same event-loop turn) presents the new identity.' },
    checkedBy: [spec('loading')],
  },
  {
    id: 'CA-PASSWORD-ASCII', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'A PKCS#12 encrypted under an ASCII password with spaces and punctuation loads with that password as pass, and is then presented.',
    sources: [seed(FORMATS_SENTENCE)],
    checkedBy: [spec('passwords')],
  },
  {
    id: 'CA-PASSWORD-NON-ASCII', level: 'practice', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'A PKCS#12 encrypted under a non-ASCII password (UTF-8 text, encoded as RFC 7292 requires: BMPString for the PKCS#12 KDF, UTF-8 for PBES2) loads with that text as pass, and is then presented.',
    sources: [seed(FORMATS_SENTENCE)],
    practice: 'Files made by standard tools (OpenSSL 3) encode a non-ASCII password as RFC 7292 says; a client must do the same to open them.',
    open: { question: 'The API page says pass is a string, not how non-ASCII text becomes the PKCS#12 password.', decision: 'As RFC 7292 and OpenSSL 3 do: the text\'s code points as a BMPString (PKCS#12 KDF) or its UTF-8 bytes (PBES2), so files from standard tools load.' },
    checkedBy: [spec('passwords')],
  },
  {
    id: 'CA-LOAD-COPIES-BYTES', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    buildsOn: PRESENTS,
    summary: 'Clearing the RawBytes passed to loadClientCertificate (its .clear()) right after the call returns changes nothing that is presented later: the loaded certificate stays in force on both request APIs.',
    sources: [seed(FORMATS_SENTENCE), seed(LIFETIME_SENTENCE), facts(S1R, 'A RawBytes has `.text` (its UTF-8 view, null for binary data) and `.clear()` (wipes its content; documented for sensitive data).')],
    checkedBy: [spec('loading')],
  },
  {
    id: 'CA-LOAD-BUNDLED', level: 'documented', area: 'loading', subject: 'client', platforms: BOTH,
    // Its test loads several identities one after another in one launch.
    buildsOn: SEQUENTIAL,
    summary: 'A .p12 bundled with the app loads as RawBytes and is then presented: on Android copied from the app\'s assets to voltmx.io.FileSystem.getCacheDirectoryPath() and read there with voltmx.io; on iOS read with voltmx.io from the app bundle.',
    sources: [seed(BUNDLED_SENTENCE),
      facts(S1R, 'The pre-bundled path: Android copies the file from `assets` or `res/raw` to `voltmx.io.FileSystem.getCacheDirectoryPath()` with an FFI; iOS ships it in the app bundle; both then read it with `voltmx.io` as RawBytes and load it.')],
    checkedBy: [spec('loading')],
  },
];

export class UnknownRequirementError extends HarnessError {
  readonly code = 'UNKNOWN_REQUIREMENT';
  constructor(readonly requirement: string, message = `Unknown requirement ID: ${requirement}`) {
    super(message);
  }
}

const BY_ID = new Map(REQUIREMENTS.map((r) => [r.id, r]));

export function requirement(id: string): Requirement {
  const found = BY_ID.get(id);
  if (!found) throw new UnknownRequirementError(id);
  return found;
}

export function isRequirementId(id: string): boolean {
  return BY_ID.has(id);
}

/** Requirement IDs in a test title: "[CA-REPLACE] ..." or "[CA-A][CA-B] ...". */
export function requirementIdsInTitle(title: string): string[] {
  return [...title.matchAll(/\[(CA-[A-Z0-9]+(?:-[A-Z0-9]+)*)\]/g)].map((m) => m[1]);
}
