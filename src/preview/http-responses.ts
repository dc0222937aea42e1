import type { ServerResponse } from 'node:http';
import { html } from '../coverage/html-template.js';

/** Headers for a brief: it may be framed by the preview page only, and nothing in it runs or loads. */
export const BRIEF_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Headers for the pick page: only its own script (by nonce) runs, and it may not be framed. */
export function pageHeaders(nonce: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Sends a whole response with its length. */
export function send(response: ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string>): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { ...headers, 'Content-Length': String(bytes.byteLength) });
  response.end(bytes);
}

/** Sends a value as JSON. */
export function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(response, status, JSON.stringify(value), { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
}

/** A small page saying why there is no preview, for the frame to show. */
export function errorPage(status: number, message: string): string {
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>No preview (${status})</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1f24}pre{white-space:pre-wrap;background:#fdf0ee;border:2px solid #a12a1b;color:#6d1a10;padding:1rem}</style></head>
<body><main><h1>No preview for these choices</h1><pre>${message}</pre></main></body></html>
`.value;
}
