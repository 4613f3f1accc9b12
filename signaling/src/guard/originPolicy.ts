/**
 * Which web pages may use this server: its own (the page's origin is the host it asked),
 * and those on the allow-list (`ALLOWED_ORIGINS`; `*` for any). A request without an
 * `Origin` header is not from a web page (a native client, the load tester, curl): let
 * through, since origins only protect browsers' cookies and credentials.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes("*") || allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false; // "null" (a sandboxed frame, a file) or junk
  }
}
