/** One HTTP request from a bench's load process, read to its last byte. */
export async function call(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  // Bytes go as they are (a TD3 file); anything else as JSON.
  const raw = body instanceof Uint8Array;
  const res = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': raw ? 'application/octet-stream' : 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: raw ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // a page, not JSON
  }
  return { status: res.status, json };
}
