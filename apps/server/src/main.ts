import { ConfigError, loadConfig } from './config/config';
import { startPlatform } from './platform';
import { startDemoCebTraffic } from './workflows/demo-ceb-traffic';
import { seedDemo } from './workflows/seed-demo';

/** Composition root: configuration → database → migrations → app → demo data → listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const platform = await startPlatform({ config });
  const { app } = platform.built;
  const shutdown = async (signal: string) => {
    app.log.info(`received ${signal}, shutting down`);
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.replace(/:\d+$/, `:${port}`);
  const lines = [
    '',
    `Kouan (口岸) is running on ${platform.db.location}`,
    `  URL:               ${url}`,
    `  API documentation: ${url}/docs`,
    `  Health:            ${url}/health`,
  ];
  if (config.demo) {
    const demo = await seedDemo(
      { store: platform.store, vault: platform.deps.vault, clock: platform.deps.clock },
      { dataDir: config.dataDir, url },
    );
    if (platform.deps.cebIntake) {
      const traffic = await startDemoCebTraffic({
        intake: platform.deps.cebIntake,
        store: platform.store,
        clock: platform.deps.clock,
        demo,
        dataDir: config.dataDir,
        onError: (error) => app.log.error({ err: error }, 'demo CEB traffic failed'),
      });
      await traffic.ready;
    }
    await platform.deps.issueCheckpoint();
    lines.push(
      '',
      `Demo logins (password for all: ${demo.password}):`,
      ...demo.users.map((u) => `  ${u.username.padEnd(18)} ${u.role.padEnd(18)} ${u.organisation}`),
      '',
      `Demo enterprises, their identifiers and API keys: ${config.dataDir}/demo-credentials.json`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `Kouan failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
