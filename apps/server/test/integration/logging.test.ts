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
    // A NUL in a search is refused before it reaches the database, naming the parameter.
    const refused = await app.inject({
      method: 'GET',
      url: `/api/parties?identifier=${residentId}%00&name=${encodeURIComponent('王五郎')}%00`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toMatch(/^query\.(identifier|name)$/);
    // A database error is logged without its statement's bound parameters (a searched name or ID).
    const { serializeError } = await import('../../src/http/app');
    const dbError = Object.assign(new Error('invalid byte sequence'), {
      code: '22021',
      query: 'select * from parties where name like $1',
      params: ['%王五郎%', residentId],
    });
    const logged = JSON.stringify(serializeError(dbError));
    expect(logged).toContain('invalid byte sequence');
    expect(logged).toContain('22021');
    for (const secret of ['王五郎', residentId, 'select']) expect(logged).not.toContain(secret);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logs.length).toBeGreaterThan(100);
    for (const secret of [
      residentId,
      '张三丰',
      '王五郎',
      '13812345678',
      '五马街',
      token,
      DEMO_PASSWORD,
      '李四',
    ]) {
      expect(logs, `log contains ${secret}`).not.toContain(secret);
    }
  });
});
