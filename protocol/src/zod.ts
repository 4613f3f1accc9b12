import { z } from "zod";

/**
 * Zod, as every schema here uses it. In a page, schemas parse without compiling code at
 * run time: Zod compiles object parsers with `new Function` where it may, and tries
 * whether it may as each object schema is made. Under the pages' Content-Security-Policy
 * (no eval) that try is a reported violation. Set before any schema exists (every file
 * here takes `z` from this one); the server keeps the faster compiled parsers.
 */
z.config({ jitless: typeof document !== "undefined" });

export { z };
