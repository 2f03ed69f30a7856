/**
 * The scripted voltmx.net.HttpRequest checks (docs/app-contract.md, "API checks"). Each one
 * drives the API against target-url and reports what it saw.
 */
import type { HttpRequestLike, VoltmxRuntime } from '../../reference/runtime/contract.js';
import type {
  CallOutcome,
  CookieObservation,
  ErrCodesObservation,
  InvalidStateObservation,
  MethodsObservation,
  ReadyStatesObservation,
  RequestTrace,
  ResponseObservation,
} from './contract.js';
import { call, callText, loose, summarize, watch, type LooseFunction } from './observe.js';

export interface CheckInputs {
  /** the command's url: a JSON endpoint (the fleet's /whoami). */
  url: string;
  /** the command's otherUrl: for the response check, a URL whose body is not JSON (optional). */
  body: string;
}

type Observation<T> = Promise<T>;

function newRequest(runtime: VoltmxRuntime): HttpRequestLike {
  return new runtime.net.HttpRequest();
}

export async function readyStates(runtime: VoltmxRuntime, inputs: CheckInputs): Observation<ReadyStatesObservation> {
  const request = newRequest(runtime);
  const initialReadyState = request.readyState;
  const initialStatus = request.status;
  const watched = watch(request);
  request.open('GET', inputs.url, true);
  const afterOpenReadyState = request.readyState;
  const afterOpenStatus = request.status;
  request.send();
  return { initialReadyState, initialStatus, afterOpenReadyState, afterOpenStatus, trace: await watched.ended };
}

export async function invalidState(runtime: VoltmxRuntime, inputs: CheckInputs): Observation<InvalidStateObservation> {
  const fresh = newRequest(runtime);
  const setHeaderBeforeOpen = call(() => fresh.setRequestHeader('X-Check', '1'));
  const sendBeforeOpen = call(() => fresh.send());
  const request = newRequest(runtime);
  const watched = watch(request);
  request.open('GET', inputs.url, true);
  request.send();
  const setHeaderAfterSend = call(() => request.setRequestHeader('X-Check', '1'));
  const secondSend = call(() => request.send());
  const trace = await watched.ended;
  const setHeaderAfterDone = call(() => request.setRequestHeader('X-Check', '1'));
  return { setHeaderBeforeOpen, sendBeforeOpen, setHeaderAfterSend, secondSend, setHeaderAfterDone, trace };
}

/** open(method, url); when it returned, send to completion. */
async function openAndSend(runtime: VoltmxRuntime, method: string, url: string): Promise<MethodsObservation['sent']['GET']> {
  const request = newRequest(runtime);
  const watched = watch(request);
  const open = call(() => request.open(method, url, true));
  if (open.thrown) {
    watched.stop();
    return { open, send: null, trace: null };
  }
  const send = call(() => (method.toUpperCase() === 'POST' ? request.send('api-check') : request.send()));
  if (send.thrown) watched.stop();
  return { open, send, trace: send.thrown ? null : await watched.ended };
}

export async function methods(runtime: VoltmxRuntime, inputs: CheckInputs): Observation<MethodsObservation> {
  const sent = {} as MethodsObservation['sent'];
  for (const method of ['get', 'GET', 'Get', 'post', 'POST', 'pOsT'] as const) {
    sent[method] = await openAndSend(runtime, method, inputs.url);
  }
  const openOnly = (method: string, url: string) => call(() => newRequest(runtime).open(method, url, true));
  return {
    sent,
    unknownMethod: openOnly('BOGUS', inputs.url),
    malformedUrl: openOnly('GET', 'https://[not a host/whoami'),
    relativeUrl: openOnly('GET', 'no scheme or host'),
  };
}

async function getTyped(runtime: VoltmxRuntime, url: string, responseType: string | null): Promise<{ request: HttpRequestLike; trace: RequestTrace }> {
  const request = newRequest(runtime);
  const watched = watch(request);
  request.open('GET', url, true);
  if (responseType !== null) request.responseType = responseType;
  request.send();
  return { request, trace: await watched.ended };
}

function typedView(request: HttpRequestLike, trace: RequestTrace) {
  return { status: trace.status, response: summarize(request.response), contentType: request.getResponseHeader('Content-Type') };
}

export async function response(runtime: VoltmxRuntime, inputs: CheckInputs): Observation<ResponseObservation> {
  const fresh = newRequest(runtime);
  const statusNew = fresh.status;
  const headerNew = call(() => fresh.getResponseHeader('Content-Type'));
  const allHeadersNew = call(() => fresh.getAllResponseHeaders());
  fresh.open('GET', inputs.url, true);
  const statusAfterOpen = fresh.status;
  const headerAfterOpen = call(() => fresh.getResponseHeader('Content-Type'));

  const json = await getTyped(runtime, inputs.url, 'json');
  const text = await getTyped(runtime, inputs.url, 'text');
  const byDefault = await getTyped(runtime, inputs.url, null);
  const otherUrl = inputs.body.trim();
  let jsonOnNonJson: ResponseObservation['jsonOnNonJson'] = null;
  if (/^https?:\/\//i.test(otherUrl)) {
    const other = await getTyped(runtime, otherUrl, 'json');
    jsonOnNonJson = typedView(other.request, other.trace);
  }
  const allHeaders = json.request.getAllResponseHeaders();
  const allHeaderNames = allHeaders
    .split(/\r?\n/)
    .map((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase())
    .filter((name) => name.length > 0);
  return {
    statusNew,
    headerNew,
    allHeadersNew,
    statusAfterOpen,
    headerAfterOpen,
    byType: { json: typedView(json.request, json.trace), text: typedView(text.request, text.trace), default: typedView(byDefault.request, byDefault.trace) },
    jsonOnNonJson,
    allHeaderNames,
    setCookieHeader: call(() => json.request.getResponseHeader('Set-Cookie')),
    cookie: await cookie(runtime, inputs.url),
  };
}

/** scheme://host[:port] by pattern: an app's JS engine may have no URL class. */
function originOf(url: string): string {
  return /^https?:\/\/[^/?#]+/i.exec(url)?.[0] ?? url;
}

/** The fleet's /cookie answers with Set-Cookie and an ordinary header: which ones can the app read? */
async function cookie(runtime: VoltmxRuntime, targetUrl: string): Promise<CookieObservation> {
  const url = `${originOf(targetUrl)}/cookie`;
  const { request, trace } = await getTyped(runtime, url, 'json');
  return {
    url,
    trace,
    allHeaders: callText(() => request.getAllResponseHeaders()),
    setCookie: call(() => request.getResponseHeader('Set-Cookie')),
    setCookieLower: call(() => request.getResponseHeader('set-cookie')),
    conformanceHeader: call(() => request.getResponseHeader('X-Voltmx-Conformance')),
  };
}

/** Calls on an object that is reset afterwards, so a call that wrongly succeeds sends nothing lasting. */
function onOpened(runtime: VoltmxRuntime, url: string, body: (request: Record<string, LooseFunction>) => unknown): CallOutcome {
  const request = newRequest(runtime);
  request.open('GET', url, true);
  const outcome = call(() => body(loose(request)));
  try {
    request.abort();
  } catch {
    // Only cleanup: a failing abort is not what this check observes.
  }
  return outcome;
}

export async function errCodes(runtime: VoltmxRuntime, inputs: CheckInputs): Observation<ErrCodesObservation> {
  const url = inputs.url;
  const Constructor = runtime.net.HttpRequest as unknown as new (...args: unknown[]) => HttpRequestLike;
  const onNew = (body: (request: Record<string, LooseFunction>) => unknown) => call(() => body(loose(newRequest(runtime))));
  const calls: Record<string, CallOutcome> = {
    'new HttpRequest(5)': call(() => new Constructor(5)),
    'open()': onNew((r) => r.open()),
    'open("GET")': onNew((r) => r.open('GET')),
    'open(5, url)': onNew((r) => r.open(5, url)),
    'open("GET", 5)': onNew((r) => r.open('GET', 5)),
    'open("GET", url, "yes")': onNew((r) => r.open('GET', url, 'yes')),
    'setRequestHeader("X-Check")': onOpened(runtime, url, (r) => r.setRequestHeader('X-Check')),
    'setRequestHeader("X-Check", 5)': onOpened(runtime, url, (r) => r.setRequestHeader('X-Check', 5)),
    'send(5)': onOpened(runtime, url, (r) => r.send(5)),
    'send("a", "b")': onOpened(runtime, url, (r) => r.send('a', 'b')),
    'getResponseHeader()': onNew((r) => r.getResponseHeader()),
    'getResponseHeader(5)': onNew((r) => r.getResponseHeader(5)),
    'getAllResponseHeaders("x")': onNew((r) => r.getAllResponseHeaders('x')),
    'responseType = "bogus"': onNew((r) => { (r as unknown as { responseType: unknown }).responseType = 'bogus'; }),
    'timeout = "soon"': onNew((r) => { (r as unknown as { timeout: unknown }).timeout = 'soon'; }),
  };
  return { calls };
}
