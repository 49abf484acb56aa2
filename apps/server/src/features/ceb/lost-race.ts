/**
 * Thrown at flush when a concurrent transaction claimed a number this batch had found free, or wrote
 * a row this batch was about to write: PostgreSQL's serialization-failure code, so the intake retries
 * the batch, which then reads the other's writes (and refuses a duplicate).
 */
export class LostRace extends Error {
  readonly code = '40001';
  constructor(what: string) {
    super(`${what} was written by a concurrent transaction`);
  }
}
