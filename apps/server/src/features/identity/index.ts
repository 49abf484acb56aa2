export { createApiKey, findApiKeys, revokeApiKey } from './api-keys';
export { authenticate, type Credential } from './authenticate';
export { type LoginResult, login } from './login';
export { logout } from './logout';
export { actorFor } from './resolve-actor';
export { hashSecret } from './tokens';
