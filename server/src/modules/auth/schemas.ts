import { Type } from 'typebox';
import { DateTime } from '../../http/schemas.js';

export const AuthSessionSchema = Type.Object(
  {
    user: Type.Ref('User'),
    tokenType: Type.Literal('Bearer'),
    accessToken: Type.String(),
    accessTokenExpiresAt: DateTime,
    refreshToken: Type.String({ description: 'Single use: each refresh returns a new one' }),
    refreshTokenExpiresAt: DateTime,
  },
  { $id: 'AuthSession', title: 'AuthSession' },
);

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false, title: 'LoginRequest' },
);

export const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 16, maxLength: 256 }) },
  { additionalProperties: false, title: 'RefreshRequest' },
);
