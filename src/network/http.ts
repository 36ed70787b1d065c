// HTTP/1.1 messages as the simulated apps and clients exchange them, and the small formats the
// apps share (HTTP dates, Go's log and JSON encodings, Apache/nginx log timestamps).

export interface HttpRequest {
  method: string;
  /** request-target as sent: `/`, `/path?q=1` */
  target: string;
  version: string;
  headers: [string, string][];
  body: string;
  /** the peer as the server sees it */
  remote: { ip: string; port: number };
  /** the address the server was reached on (pod IP, or 127.0.0.1 through port-forward) */
  local: { ip: string; port: number };
}

export interface HttpResponse {
  version: string;
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function header(h: [string, string][], name: string): string | undefined {
  const l = name.toLowerCase();
  return h.find(([k]) => k.toLowerCase() === l)?.[1];
}

export function requestPath(target: string): string {
  const q = target.indexOf('?');
  return q >= 0 ? target.slice(0, q) : target;
}

export function queryParams(target: string): Map<string, string> {
  const m = new Map<string, string>();
  const q = target.indexOf('?');
  if (q < 0) return m;
  for (const kv of target.slice(q + 1).split('&')) {
    if (!kv) continue;
    const [k, v = ''] = kv.split('=');
    try { m.set(decodeURIComponent(k.replace(/\+/g, ' ')), decodeURIComponent(v.replace(/\+/g, ' '))); } catch { m.set(k, v); }
  }
  return m;
}

export const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** RFC 7231 date: `Sat, 21 Nov 2026 19:20:32 GMT` */
export const httpDate = (d: Date) => d.toUTCString();

/** Go's log package prefix: `2026/11/21 19:20:32` */
export const goLogTime = (d: Date) => `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;

/** Common/combined log format time: `21/Nov/2026:19:20:32 +0000` */
export const clfTime = (d: Date) => `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;

/** Apache error log time: `Sat Nov 21 19:20:32.123456 2026` */
export const apacheTime = (d: Date, micros = 0) =>
  `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(micros).padStart(6, '0')} ${d.getUTCFullYear()}`;

/** redis log time: `21 Nov 2026 19:20:32.123` */
export const redisTime = (d: Date) => `${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;

/** Go's encoding/json string encoding (HTML-safe: <, >, & escaped; U+2028/9 escaped). */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029 || c < 0x20) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** json.Marshal of a map[string]string: keys sorted, no spaces. */
export function goJsonStringMap(m: Record<string, string>): string {
  return '{' + Object.keys(m).sort().map((k) => `${goJsonString(k)}:${goJsonString(m[k])}`).join(',') + '}';
}

/** Go's textproto canonical header key: `user-agent` -> `User-Agent`. */
export const canonicalHeaderKey = (k: string) => k.split('-').map((w) => (w ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w)).join('-');

/** The response head as it goes on the wire (CRLF line ends, blank line at the end). */
export function responseHead(res: HttpResponse): string {
  return `${res.version} ${res.status}${res.reason ? ' ' + res.reason : ''}\r\n` + res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
}

export function requestHead(req: HttpRequest): string {
  return `${req.method} ${req.target} ${req.version}\r\n` + req.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
}

export function response(status: number, headers: [string, string][], body: string, version = 'HTTP/1.1'): HttpResponse {
  return { version, status, reason: STATUS_TEXT[status] ?? '', headers, body };
}
