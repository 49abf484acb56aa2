import { loadConfig } from '../config/config';
import { createDb } from './client';
import { migrate } from './migrate';

const config = loadConfig();
const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await migrate(handle.db);
  process.stdout.write(
    `${handle.location}: applied ${result.applied.length} migration(s)${result.applied.length ? `: ${result.applied.join(', ')}` : ''}; ${result.alreadyApplied} already applied\n`,
  );
} finally {
  await handle.close();
}
