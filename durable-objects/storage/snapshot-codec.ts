/**
 * Snapshot bodies, compressed for the box. There every storage call crosses the loopback
 * binding as JSON, so a snapshot's text is escaped into an envelope by the box process and
 * parsed out of it again inside workerd before `restore` parses it once more: for a 14 MB
 * snapshot that transport took longer than the restore itself. Deflated and base64'd, the same
 * snapshot is ~3.5 MB of text with nothing to escape.
 *
 * The body stays a string (the port's type) and says what it is: a packed body starts with
 * PACKED, anything else is the snapshot text itself, so old rows and the cloud's (which reads
 * its own SQLite in-process and has no envelope to save) read unchanged.
 */

const PACKED = 'deflate-raw;base64,';

/** Deflated, base64 text of `json`, marked PACKED. */
export async function packSnapshot(json: string): Promise<string> {
  const zipped = await new Response(
    new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw')),
  ).arrayBuffer();
  return PACKED + toBase64(new Uint8Array(zipped));
}

/** The snapshot text of a body written by `packSnapshot`, or the body itself if not packed. */
export async function unpackSnapshot(body: string): Promise<string> {
  if (!body.startsWith(PACKED)) return body;
  const bytes = fromBase64(body.slice(PACKED.length));
  return new Response(
    new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw')),
  ).text();
}

interface Base64Bytes {
  toBase64?: () => string;
}
interface Base64Ctor {
  fromBase64?: (text: string) => Uint8Array;
}

/** Base64 of `bytes`: native where the runtime has it, else through btoa in 32 KB slices. */
function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Base64Bytes).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  }
  return btoa(parts.join(''));
}

function fromBase64(text: string): Uint8Array {
  const native = (Uint8Array as unknown as Base64Ctor).fromBase64;
  if (typeof native === 'function') return native(text);
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
