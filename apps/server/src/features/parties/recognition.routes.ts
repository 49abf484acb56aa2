import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { applyRecognition, decideRecognition } from '.';
import {
  ApplyRecognitionBody,
  DecideRecognitionBody,
  PartyIdParams,
  PartyViewSchema,
} from './parties.schemas';

const tags = ['parties'];

/** A party's recognition: the application and the decision on it. */
export function recognitionRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/parties/:id/recognition',
      {
        config: { permission: 'parties:recognition:apply' },
        schema: {
          tags,
          summary: '申请认定 / Apply for recognition',
          params: PartyIdParams,
          body: ApplyRecognitionBody,
          response: { 200: PartyViewSchema, ...errorResponses },
        },
      },
      async (request) =>
        applyRecognition(deps, request.actor, { partyId: request.params.id, ...request.body }),
    );

    app.post(
      '/api/parties/:id/recognition/decision',
      {
        config: { permission: 'parties:recognition:decide' },
        schema: {
          tags,
          summary: '认定审核 / Decide a recognition',
          params: PartyIdParams,
          body: DecideRecognitionBody,
          response: { 200: PartyViewSchema, ...errorResponses },
        },
      },
      async (request) =>
        decideRecognition(deps, request.actor, { partyId: request.params.id, ...request.body }),
    );
  };
}
