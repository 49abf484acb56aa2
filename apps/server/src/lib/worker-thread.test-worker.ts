/** A worker for worker-thread.test.ts: echoes, throws, exits or hangs as asked. */
import { serveRequests } from './worker-thread';

serveRequests<{ op: 'echo' | 'throw' | 'exit' | 'hang'; value?: string }, string>((input) => {
  if (input.op === 'throw') throw new Error(`refused ${input.value}`);
  if (input.op === 'exit') process.exit(3);
  if (input.op === 'hang') for (;;);
  return `echo ${input.value}`;
});
