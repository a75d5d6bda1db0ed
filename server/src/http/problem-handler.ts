import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUnstorableText } from '../db/errors.js';
import { AppError, errorCatalogue, type ErrorCode, type FieldError } from './errors.js';

interface ValidationIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail?: string,
  errors?: FieldError[],
): FastifyReply {
  const { status, title } = errorCatalogue[code];
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `https://icebreaker.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
      title,
      status,
      detail: detail ?? title,
      code,
      instance: reply.request.url.split('?')[0],
      ...(errors ? { errors } : {}),
    });
}

function fieldErrors(context: string, issues: ValidationIssue[]): FieldError[] {
  return issues.map((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    if (issue.keyword === 'required') path.push(String(issue.params.missingProperty));
    if (issue.keyword === 'additionalProperties') path.push(String(issue.params.additionalProperty));
    const message = issue.keyword === 'additionalProperties' ? 'is not a known field' : (issue.message ?? 'is invalid');
    return { field: [context, ...path].join('.'), message };
  });
}

/** Fastify's own client errors, by their code. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

const byStatus: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'RULE_VIOLATED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Every error leaves as problem+json; 5xx details stay in the log. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return sendProblem(reply, error.code, error.detail, error.errors);
    if (error.validation) {
      const context = error.validationContext ?? 'body';
      const issues = fieldErrors(context, error.validation as ValidationIssue[]);
      return sendProblem(
        reply,
        'VALIDATION_FAILED',
        `Invalid ${context}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
        issues,
      );
    }
    if (isUnstorableText(error)) return sendProblem(reply, 'VALIDATION_FAILED', 'Text may not contain NUL characters');
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return sendProblem(reply, known);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = byStatus[status] ?? 'VALIDATION_FAILED';
      return sendProblem(reply, code, status === 429 ? error.message : undefined);
    }
    request.log.error({ err: error }, 'request failed');
    if (status === 503) return sendProblem(reply, 'SERVICE_UNAVAILABLE');
    return sendProblem(reply, 'INTERNAL');
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 'ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}
