import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Service } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

/**
 * deploy/kubernetes/, checked offline: every object against the Kubernetes API's schemas
 * (kubernetes-models' validators), then what the objects must say to each other and to
 * the server (probes, the drain, the secret, the autoscaler's policy, coturn's config).
 */
const dir = fileURLToPath(new URL("../../deploy/kubernetes/", import.meta.url));
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

type Manifest = { apiVersion: string; kind: string; metadata: { name: string } } & Record<
  string,
  unknown
>;
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "apps/v1 Deployment": Deployment,
  "autoscaling/v2 HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "networking.k8s.io/v1 Ingress": Ingress,
  "policy/v1 PodDisruptionBudget": PodDisruptionBudget,
  "v1 ConfigMap": ConfigMap,
  "v1 Service": Service,
};

const manifests: Manifest[] = readdirSync(dir)
  .filter((file) => file.endsWith(".yaml"))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(`${dir}${file}`, "utf8")).map((doc) => doc.toJS() as Manifest),
  );
const find = <T>(kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found as unknown as T;
};
const signaling = find<Deployment>("Deployment", "signaling");
const container = signaling.spec!.template.spec!.containers[0]!;

describe("deploy/kubernetes", () => {
  it("holds only objects the Kubernetes API accepts", () => {
    expect(manifests.length).toBeGreaterThanOrEqual(8);
    for (const manifest of manifests) {
      const Model = MODELS[`${manifest.apiVersion} ${manifest.kind}`];
      expect(Model, `${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
      expect(() => new Model!(manifest as never).validate(), manifest.metadata.name).not.toThrow();
    }
  });

  it("probes the signaling pods where the server answers, and gives the drain its time", () => {
    expect(container.readinessProbe?.httpGet?.path).toBe("/readyz");
    expect(container.livenessProbe?.httpGet?.path).toBe("/healthz");
    // The drain: the sockets closed at once, clients reconnect elsewhere (seconds).
    expect(signaling.spec!.template.spec!.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(15);
    expect(signaling.spec!.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
    const pdb = find<PodDisruptionBudget>("PodDisruptionBudget", "signaling");
    expect(pdb.spec!.selector!.matchLabels).toEqual(signaling.spec!.selector.matchLabels);
    const service = find<Service>("Service", "signaling");
    expect(service.spec!.selector).toEqual(signaling.spec!.selector.matchLabels);
  });

  it("configures the server only with what it reads, and refuses to start without the TURN secret", () => {
    const config = find<ConfigMap>("ConfigMap", "nicepiano-config").data!;
    const source = readFileSync(root("signaling/src/config.ts"), "utf8");
    for (const name of Object.keys(config)) expect(source, name).toContain(name);
    const secret = container.env!.find((variable) => variable.name === "TURN_SECRET");
    expect(secret?.value).toBeUndefined();
    expect(secret?.valueFrom?.secretKeyRef).toMatchObject({
      name: "nicepiano-turn",
      optional: false,
    });
  });

  it("scales on CPU as the original did: up above 66 % for a minute, down slowly", () => {
    const hpa = find<HorizontalPodAutoscaler>("HorizontalPodAutoscaler", "signaling");
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: "Deployment", name: "signaling" });
    expect(hpa.spec.metrics![0]!.resource).toMatchObject({
      name: "cpu",
      target: { type: "Utilization", averageUtilization: 66 },
    });
    expect(hpa.spec.behavior!.scaleUp!.stabilizationWindowSeconds).toBe(60);
    expect(hpa.spec.behavior!.scaleDown!.stabilizationWindowSeconds).toBeGreaterThanOrEqual(60);
    // Percentages of a request: the pods must request CPU.
    expect(container.resources?.requests?.cpu).toBeDefined();
  });

  it("runs coturn with turn/turnserver.conf word for word, and pins every image", () => {
    const coturn = find<ConfigMap>("ConfigMap", "coturn-config");
    expect(coturn.data!["turnserver.conf"]).toBe(
      readFileSync(root("turn/turnserver.conf"), "utf8"),
    );
    const images = manifests
      .filter((m): m is Manifest & Deployment => m.kind === "Deployment")
      .flatMap((d) => d.spec!.template.spec!.containers.map((c) => c.image!));
    for (const image of images) expect(image).toMatch(/:\d+\.\d+\.\d+(-\w+)?$/);
  });

  it("lets players in over TLS with WebSockets held open, and not to /metrics", () => {
    const ingress = find<Ingress>("Ingress", "nicepiano");
    expect(ingress.spec!.tls![0]!.secretName).toBeDefined();
    expect(ingress.metadata!.annotations!["nginx.ingress.kubernetes.io/proxy-read-timeout"]).toBe(
      "3600",
    );
    expect(ingress.metadata!.annotations!["nginx.ingress.kubernetes.io/server-snippet"]).toMatch(
      /location = \/metrics \{ return 404; \}/,
    );
  });
});
