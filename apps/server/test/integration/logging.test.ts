import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { residentIdCheckCharacter } from '@kouan/domain/identifiers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createPglite } from '../../src/db/client';
import { type Platform, startPlatform } from '../../src/platform';
import { DEMO_PASSWORD } from '../../src/workflows/demo-data';
import { seedDemo } from '../../src/workflows/seed-demo';

let platform: Platform;
let logs = '';
beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kouan-log-'));
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    logs += chunk.toString('utf8');
  });
  platform = await startPlatform({
    config: loadConfig({ KOUAN_DATA_DIR: dataDir, LOG_LEVEL: 'trace' }),
    db: await createPglite(undefined),
    logger: true,
    logStream: stream,
    checkpointTimer: false,
  });
  await seedDemo(
    { store: platform.store, vault: platform.deps.vault, clock: platform.deps.clock },
    { dataDir, url: 'http://test' },
  );
});
afterAll(async () => platform?.close());

describe('personal information never reaches the logs', () => {
  it('logs requests without bodies, query strings or credentials, even at trace level', async () => {
    const { app } = platform.built;
    const body17 = '11010519491231002';
    const residentId = body17 + residentIdCheckCharacter(body17);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'commerce', password: DEMO_PASSWORD },
    });
    const token = login.json().token as string;
    const filed = await app.inject({
      method: 'POST',
      url: '/api/parties',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        parties: [
          {
            kind: 'consumer',
            legalForm: 'individual',
            name: '张三丰',
            residentId,
            phone: '13812345678',
            address: '浙江省温州市鹿城区五马街100号',
          },
        ],
      },
    });
    expect(filed.statusCode).toBe(201);
    const search = await app.inject({
      method: 'GET',
      url: `/api/parties?identifier=${residentId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(search.json().total).toBe(1);
    await app.inject({
      method: 'POST',
      url: '/api/parties',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        parties: [{ kind: 'consumer', legalForm: 'individual', name: '李四', residentId: `${body17}0` }],
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logs.length).toBeGreaterThan(100);
    for (const secret of [residentId, '张三丰', '13812345678', '五马街', token, DEMO_PASSWORD, '李四']) {
      expect(logs, `log contains ${secret}`).not.toContain(secret);
    }
  });
});
