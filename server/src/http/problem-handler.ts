import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, isUnstorableText } from '../db/errors.js';
import { AppError, errorCatalogue, type ErrorCode, type FieldError } from './errors.js';

interface ValidationIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** When a client may retry a 503 that names no delay of its own (a database restart takes seconds). */
const RETRY_AFTER_SECONDS = 2;

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail?: string,
  errors?: FieldError[],
): FastifyReply {
  const { status, title } = errorCatalogue[code];
  // Every 503 is temporary: say when to retry, unless the sender already did.
  if (status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
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

/**
 * Errors the router raises before any route runs (a path that is not valid
 * percent-encoded UTF-8, a path parameter past the length limit): problems too.
 */
export function frameworkErrorProblem(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'The path is not valid URL encoding';
  void sendProblem(reply, 'VALIDATION_FAILED', detail, [{ field: 'path', message: detail }]);
}

/** Every error leaves as problem+json; 5xx details stay in the log. */
export function registerProblemHandlers(
  app: FastifyInstance,
  /** Answers a request no route matched before it becomes a 404 (the web app's pages); true when it did. */
  fallback?: (request: FastifyRequest, reply: FastifyReply) => boolean,
): void {
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
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendProblem(reply, 'SERVICE_UNAVAILABLE', 'The database is not reachable; retry shortly');
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = byStatus[status] ?? 'VALIDATION_FAILED';
      return sendProblem(reply, code, status === 429 ? error.message : undefined);
    }
    request.log.error({ err: error }, 'request failed');
    if (status === 503) return sendProblem(reply, 'SERVICE_UNAVAILABLE');
    return sendProblem(reply, 'INTERNAL');
  });

  app.setNotFoundHandler((request, reply) => {
    if (fallback?.(request, reply)) return reply;
    return sendProblem(reply, 'ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
  });
}
