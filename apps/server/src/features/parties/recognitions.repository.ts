import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Applications for recognition and the decisions on them. */
export function createRecognitionsRepository(db: Kysely<Database>) {
  return {
    async insertRecognition(row: Database['party_recognitions']): Promise<void> {
      await db.insertInto('party_recognitions').values(row).execute();
    },

    async getPendingRecognition(partyId: string) {
      return db
        .selectFrom('party_recognitions')
        .selectAll()
        .where('party_id', '=', partyId)
        .where('status', '=', 'pending')
        .forUpdate()
        .executeTakeFirst();
    },

    async decideRecognition(input: {
      id: string;
      status: 'recognised' | 'refused';
      decidedAt: Date;
      decidedBy: string;
      reason: string | null;
    }): Promise<void> {
      await db
        .updateTable('party_recognitions')
        .set({
          status: input.status,
          decided_at: input.decidedAt,
          decided_by: input.decidedBy,
          reason: input.reason,
        })
        .where('id', '=', input.id)
        .where('status', '=', 'pending')
        .execute();
    },

    async findRecognitions(partyId: string) {
      return db
        .selectFrom('party_recognitions')
        .selectAll()
        .where('party_id', '=', partyId)
        .orderBy('applied_at', 'asc')
        .limit(200)
        .execute();
    },
  };
}
