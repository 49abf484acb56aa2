import { noteVerifierFromKey } from '@kouan/domain/evidence';
import { loadConfig } from './config/config';
import { resolveSecrets } from './config/secrets';
import { createDb } from './db/client';
import { createStore } from './db/store';
import { createEvidenceSigner } from './features/evidence/evidence-signer';
import { verifyLog } from './features/evidence/verify-log';
import { createPiiVault } from './lib/pii';

/**
 * Maintenance command (`npm run evidence:verify`): re-verifies the whole stored evidence log
 * against the latest signed checkpoint and names the first bad entry or node. Exit 0 when intact.
 */
const config = loadConfig();
const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const secrets = resolveSecrets(config);
  const signer = createEvidenceSigner({
    keyName: config.evidence.keyName,
    privateKeyPem: secrets.evidenceSigningKeyPem,
  });
  const result = await verifyLog({
    store: createStore(handle.db),
    vault: createPiiVault(secrets),
    verifiers: [signer.verifierKey(), ...config.evidence.retiredVerifierKeys].map((k) =>
      noteVerifierFromKey(k),
    ),
  });
  const summary = `${handle.location}: checked ${result.entriesChecked} entries and ${result.nodesChecked} stored nodes against the checkpoint of size ${result.treeSize}`;
  if (result.ok) {
    process.stdout.write(`OK  ${summary}; the log is intact.\n`);
  } else {
    process.stdout.write(`BAD ${summary}.\n    first problem: ${result.problem}\n`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
