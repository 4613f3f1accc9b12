import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * The deployment files, checked by reading them (no Docker engine runs here): the compose
 * file's services, ports, health checks and environment against what the server reads,
 * haproxy.cfg against the compose services, the Dockerfile's stages and user. The haproxy
 * config also runs for real in failover.int.test.ts.
 */
const read = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), "utf8");

interface Service {
  build?: { context: string; dockerfile: string; target?: string };
  image?: string;
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }> | string[];
  volumes?: string[];
  command?: string[];
}

const compose = parse(read("docker-compose.yml")) as { services: Record<string, Service> };
const services = compose.services;
const signaling = Object.entries(services).filter(([name]) => name.startsWith("signaling-"));
const haproxy = read("deploy/haproxy.cfg");
const dockerfile = read("deploy/Dockerfile");

/** Every environment variable the server's configuration reads (`config.ts`). */
function variablesTheServerReads(): Set<string> {
  const source = read("signaling/src/config.ts");
  const names = [
    ...source.matchAll(/env\.([A-Z_]+)/g),
    ...source.matchAll(/integer\(\s*env,\s*"([A-Z_]+)"/g),
  ].map((match) => match[1]!);
  return new Set(names);
}

describe("docker-compose.yml", () => {
  it("has Redis, at least two signaling instances, haproxy, coturn and the Firebase emulators", () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(["redis", "haproxy", "coturn", "firebase-emulators"]),
    );
    expect(signaling.length).toBeGreaterThanOrEqual(2);
  });

  it("configures each instance only with variables the server reads, and the same ones", () => {
    const known = variablesTheServerReads();
    expect(known).toContain("REDIS_URL");
    for (const [, service] of signaling) {
      for (const name of Object.keys(service.environment ?? {})) expect(known).toContain(name);
      expect(service.environment).toEqual(signaling[0]![1].environment);
      expect(service.environment?.REDIS_URL).toBe("redis://redis:6379");
    }
  });

  it("points the instances at services that exist, on their ports", () => {
    const env = signaling[0]![1].environment!;
    const hostOf = (address: string) => address.replace(/^redis:\/\//, "").split(":")[0]!;
    for (const address of [
      env.REDIS_URL!,
      env.FIREBASE_AUTH_EMULATOR_HOST!,
      env.FIRESTORE_EMULATOR_HOST!,
    ]) {
      expect(Object.keys(services)).toContain(hostOf(address));
    }
    expect(env.FIREBASE_AUTH_EMULATOR_HOST).toMatch(/:9099$/);
    expect(env.FIRESTORE_EMULATOR_HOST).toMatch(/:8081$/);
    expect(services["firebase-emulators"]!.ports).toContain("9099:9099");
    expect(env.FIREBASE_AUTH_EMULATOR_URL).toBe("http://localhost:9099");
  });

  it("builds the instances from the Dockerfile and checks their health on /readyz", () => {
    for (const [, service] of signaling) {
      expect(service.build).toEqual({ context: ".", dockerfile: "deploy/Dockerfile" });
      expect(service.expose).toEqual(["8080"]);
      expect(service.healthcheck?.test.join(" ")).toContain("http://127.0.0.1:8080/readyz");
      expect(service.depends_on).toMatchObject({
        redis: { condition: "service_healthy" },
        "firebase-emulators": { condition: "service_healthy" },
      });
    }
    for (const name of ["redis", "firebase-emulators", "haproxy"]) {
      expect(services[name]!.healthcheck, name).toBeDefined();
    }
  });

  it("gives coturn and the instances the same TURN secret", () => {
    const secret = signaling[0]![1].environment!.TURN_SECRET;
    expect(secret).toMatch(/^\$\{TURN_SECRET/);
    expect(services.coturn!.command).toContain(`--static-auth-secret=${secret}`);
    expect(signaling[0]![1].environment!.TURN_URLS).toMatch(/^turn:.*:3478$/);
  });

  it("publishes the balancer's port, mounts its config, and gives coturn its config", () => {
    expect(services.haproxy!.ports).toEqual(["80:8080", "443:8443"]);
    expect(services.haproxy!.volumes).toEqual([
      "./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro",
      "./deploy/certs:/etc/haproxy/certs:ro",
    ]);
    expect(services.coturn!.volumes).toContain(
      "./turn/turnserver.conf:/etc/coturn/turnserver.conf:ro",
    );
    expect(services.coturn!.ports).toEqual(expect.arrayContaining(["3478:3478/udp"]));
    const relayPorts = /min-port=(\d+)[\s\S]*max-port=(\d+)/.exec(read("turn/turnserver.conf"));
    expect(services.coturn!.ports).toContain(
      `${relayPorts![1]}-${relayPorts![2]}:${relayPorts![1]}-${relayPorts![2]}/udp`,
    );
  });
});

describe("deploy/haproxy.cfg", () => {
  it("balances over exactly the compose file's signaling instances, on their port", () => {
    const servers = [...haproxy.matchAll(/^\s*server (\S+) (\S+)/gm)].map((m) => [m[1], m[2]]);
    expect(servers).toEqual(signaling.map(([name]) => [name, `${name}:8080`]));
  });

  it("pins every image it pulls to a release", () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image) expect(service.image, name).toMatch(/:\d+\.\d+\.\d+(-\w+)?$/);
    }
  });

  it("listens on the published ports (HTTPS with the mounted certificate), checks /readyz, and keeps WebSockets open", () => {
    expect(haproxy).toMatch(/^\s*bind \*:8080$/m);
    expect(haproxy).toMatch(/^\s*bind \*:8443 ssl crt \/etc\/haproxy\/certs\/nicepiano\.pem\b/m);
    expect(haproxy).toMatch(/^\s*timeout http-request \d+s$/m);
    expect(haproxy).toMatch(/^\s*option httpchk GET \/readyz$/m);
    expect(haproxy).toMatch(/^\s*timeout tunnel \S+$/m);
    expect(haproxy).toMatch(/^\s*option redispatch$/m);
  });
});

describe("deploy/Dockerfile", () => {
  const stage = (name: string) => {
    const start = dockerfile.indexOf(`AS ${name}\n`);
    const end = dockerfile.indexOf("\nFROM ", start);
    return dockerfile.slice(start, end === -1 ? undefined : end);
  };

  it("builds in one stage, installs the server's packages alone in another, runs a third", () => {
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)];
    expect(stages.map((m) => m[2])).toEqual(["build", "server-modules", "runtime"]);
    // Every stage on the Node LTS that .nvmrc names.
    const major = read(".nvmrc").trim();
    for (const [, image] of stages) expect(image).toBe(`node:${major}-bookworm-slim`);
    expect(stage("build")).toMatch(/^RUN npm ci/m);
    expect(stage("build")).toMatch(/^RUN npm run build$/m);
    expect(stage("server-modules")).toMatch(/^RUN npm ci --omit=dev --workspace signaling /m);
  });

  it("runs the compiled server with node, as a non-root user, with the server's packages only", () => {
    const runtime = stage("runtime");
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^EXPOSE 8080$/m);
    expect(runtime).toMatch(/^CMD \["node", .*"signaling\/dist\/main\.js"\]$/m);
    expect(runtime).not.toContain("tsx");
    const copies = [...runtime.matchAll(/^COPY --from=(\S+) (\S+)/gm)].map((m) => [m[1], m[2]]);
    expect(copies).toContainEqual(["server-modules", "/app/node_modules"]);
    expect(copies).toContainEqual(["build", "/app/client/dist"]);
    expect(copies).toContainEqual(["build", "/app/signaling/dist"]);
    // No sources and no dev packages from the build stage.
    for (const [from, path] of copies) {
      if (from === "build") expect(path).toMatch(/\/(dist|package\.json)$/);
    }
  });

  it("leaves local state out of the build context", () => {
    const ignored = read(".dockerignore").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["**/node_modules", "data", ".git"]));
  });
});
