/**
 * A stand-in app process for the embedded-server tests: starts (or joins) the embedded
 * PostgreSQL on the data dir given as argv[2], prints what it got as one JSON line, then
 * answers `query <sql>` lines on stdin until it reads `exit` (and stops like the app does),
 * or `exit-code <n>`: then it stops, sets `process.exitCode` and ends by itself, as a
 * command like vitest does.
 */
import readline from 'node:readline';
import pg from 'pg';
import { startEmbeddedServer } from '../../lib/db/embedded';

async function main() {
  const server = await startEmbeddedServer(process.argv[2]!, () => undefined);
  const client = new pg.Client({ connectionString: server.connectionString });
  await client.connect();
  console.log(JSON.stringify({ port: new URL(server.connectionString).port, owner: server.owner }));

  let exitCode: number | undefined;
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === 'exit') break;
    if (line.startsWith('exit-code ')) {
      exitCode = Number(line.slice(10));
      break;
    }
    if (line.startsWith('query ')) {
      const { rows } = await client.query(line.slice(6));
      console.log(JSON.stringify(rows));
    }
  }
  await client.end();
  await server.stop();
  if (exitCode === undefined) process.exit(0);
  process.stdin.destroy();
  process.exitCode = exitCode;
}

void main();
