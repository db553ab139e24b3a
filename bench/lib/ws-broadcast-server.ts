/**
 * The fan-out yardstick: a minimal Node `ws` broadcast server with the service's wire shape
 * (events, then the view's patch, then the seq).
 * `POST /command` numbers an event, sends one `events` frame to every follower, then answers
 * (the same order as the TournamentDO: fan out, then answer). Run as its own process:
 * `node bench/lib/ws-broadcast-server.ts`; prints `listening <port>` when ready.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

let seq = 0;
const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/command') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const command = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      commandId: string;
      payload: Record<string, unknown>;
    };
    seq++;
    const event = {
      seq,
      eventId: crypto.randomUUID(),
      type: 'EntryRegistered',
      at: Date.now(),
      event: { type: 'EntryRegistered', at: Date.now(), ...command.payload, entryId: `e${seq}` },
    };
    // The view's change rides in the frame as in the service (channel-views.ts): a patch of
    // the shape a registration makes (the new entry, the counts, the clock's time).
    const view = {
      id: `y.${seq}`,
      base: `y.${seq - 1}`,
      patch: [
        { op: 'replace', path: '/seq', value: seq },
        { op: 'replace', path: '/serverTime', value: Date.now() },
        { op: 'replace', path: '/standings/entrants', value: seq },
        { op: 'replace', path: '/standings/playersLeft', value: seq },
        { op: 'replace', path: '/standings/chipsInPlay', value: seq * 20_000 },
        { op: 'replace', path: '/standings/prizePool/total', value: seq * 45_000 },
        {
          op: 'add',
          path: `/standings/entries/${seq - 1}`,
          value: {
            entryId: `e${seq}`,
            number: seq,
            name: command.payload.name,
            status: 'active',
            chips: 20_000,
          },
        },
      ],
    };
    const frame = JSON.stringify({ type: 'events', events: [event], view, seq });
    for (const ws of wss.clients) ws.send(frame);
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ seq, repeated: false, events: [event] }));
  });
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.send(JSON.stringify({ type: 'hello', tournamentId: 'yardstick', seq, serverTime: Date.now() }));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => process.exit(0));
