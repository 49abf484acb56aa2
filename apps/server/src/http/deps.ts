import type { NoteSigner } from '@kouan/domain/evidence';
import type { Config } from '../config/config';
import type { Store } from '../db/store';
import type { CebIntakeService } from '../features/ceb';
import type { CheckpointRow } from '../features/evidence/evidence.repository';
import type { Clock } from '../lib/clock';
import type { PiiVault } from '../lib/pii';

/** Everything the routes need, wired by hand in main.ts (or by tests). */
export interface AppDeps {
  readonly config: Config;
  readonly databaseKind: 'pglite' | 'postgres';
  readonly store: Store;
  readonly vault: PiiVault;
  readonly clock: Clock;
  readonly signer: NoteSigner;
  readonly publicKeyPem: string;
  readonly issueCheckpoint: () => Promise<CheckpointRow | undefined>;
  /** Called after every successful write request, so a checkpoint follows each batch of appends. */
  readonly afterWrite: () => void;
  /** The CEB intake (built from these deps when absent); the demo generator shares it. */
  readonly cebIntake?: CebIntakeService;
}
