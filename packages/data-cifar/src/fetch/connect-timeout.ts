/**
 * `fetch` that gives up when no response headers arrive within `ms` (a
 * filtered network would otherwise hang for minutes); the body itself may
 * take as long as it needs.
 */
export function fetchWithConnectTimeout(ms: number, base: typeof fetch = fetch): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no response within ${ms / 1000} s`)), ms);
    try {
      return await base(input, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }) as typeof fetch;
}
