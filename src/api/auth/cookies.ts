// Just enough cookie handling for the session: parse the Cookie header, write Set-Cookie.
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    const raw = part.slice(at + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      // a malformed cookie is ignored, not an error
    }
  }
  return out;
}

export interface CookieOptions {
  readonly maxAgeSeconds: number;
  readonly httpOnly: boolean;
  readonly secure: boolean;
  readonly sameSite: 'Strict' | 'Lax';
}

export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${Math.max(0, Math.floor(o.maxAgeSeconds))}`, `SameSite=${o.sameSite}`,
    ...(o.httpOnly ? ['HttpOnly'] : []), ...(o.secure ? ['Secure'] : []),
  ].join('; ');
}
