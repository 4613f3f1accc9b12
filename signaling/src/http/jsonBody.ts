import { LIMITS } from "@nicepiano/protocol";
import express, { type RequestHandler } from "express";

/**
 * A route's JSON body parser, at most `limit` bytes (a small request's by default). Each
 * route puts its own after its checks, so nobody gets a large body read for them before
 * they are signed in.
 */
export function jsonBody(limit: number = LIMITS.requestBodyBytes): RequestHandler {
  return express.json({ limit });
}
