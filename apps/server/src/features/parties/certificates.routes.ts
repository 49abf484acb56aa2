import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, page } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { findCertificates, registerCertificate, revokeCertificate } from '.';
import {
  CertificateParams,
  CertificateViewSchema,
  FindCertificatesQuery,
  RegisterCertificateBody,
  RevokeCertificateBody,
} from './certificates.schemas';
import { PartyIdParams } from './parties.schemas';

const tags = ['parties'];

export function certificatesRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/parties/:id/certificates',
      {
        config: { permission: 'parties:certificates:manage' },
        schema: {
          tags,
          summary: '登记报文签名证书 / Register a message-signing certificate',
          params: PartyIdParams,
          body: RegisterCertificateBody,
          response: { 201: CertificateViewSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await registerCertificate(deps, request.actor, {
            partyId: request.params.id,
            pem: request.body.pem,
          }),
        ),
    );

    app.get(
      '/api/parties/:id/certificates',
      {
        config: { permission: 'parties:read' },
        schema: {
          tags,
          summary: '主体的签名证书 / A party’s signing certificates',
          params: PartyIdParams,
          querystring: FindCertificatesQuery,
          response: { 200: page(CertificateViewSchema), ...errorResponses },
        },
      },
      async (request) =>
        findCertificates(deps, request.actor, { partyId: request.params.id, ...request.query }),
    );

    app.post(
      '/api/parties/:id/certificates/:certId/revoke',
      {
        config: { permission: 'parties:certificates:manage' },
        schema: {
          tags,
          summary: '注销签名证书 / Revoke a signing certificate',
          params: CertificateParams,
          body: RevokeCertificateBody,
          response: { 200: CertificateViewSchema, ...errorResponses },
        },
      },
      async (request) =>
        revokeCertificate(deps, request.actor, {
          partyId: request.params.id,
          certificateId: request.params.certId,
          reason: request.body.reason,
        }),
    );
  };
}
