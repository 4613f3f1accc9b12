import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startPrometheus, type PrometheusProcess } from "./support/prometheusProcess";
import { startTestServer, type TestServer } from "./support/testServer";

/**
 * The operator's kit, checked with the real tools: Prometheus' own checker and rule tests
 * (promtool, Debian's `prometheus` package), the dashboard's queries against what a
 * server really exports, and a real Prometheus scraping two instances and alerting when
 * one stops.
 */
const deploy = (path: string) => fileURLToPath(new URL(`../../deploy/${path}`, import.meta.url));
const promtool = (...args: string[]) =>
  execFileSync("promtool", args, { cwd: deploy("prometheus"), encoding: "utf8" });

interface Rule {
  alert: string;
  expr: string;
  for: string;
}
const rulesText = readFileSync(deploy("prometheus/alerts.yml"), "utf8");
const rules = (parse(rulesText) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
const dashboard = JSON.parse(readFileSync(deploy("grafana/nicepiano.json"), "utf8")) as {
  panels: { title: string; targets: { expr: string }[] }[];
};

/** The metric names a PromQL expression reads (ours, Node's and the process's, and `up`). */
const metricsIn = (expr: string) =>
  [...expr.matchAll(/\b(nicepiano_\w+|nodejs_\w+|process_\w+|up)\b(?=\s*[{[)\s]|$)/g)].map(
    (match) => match[1]!,
  );

describe("alerts and dashboard", () => {
  it("passes promtool's checks and the rules' own tests", () => {
    expect(promtool("check", "rules", "alerts.yml")).toContain(`SUCCESS: ${rules.length} rules`);
    expect(promtool("check", "config", "prometheus.yml")).toContain("SUCCESS");
    expect(promtool("test", "rules", "alerts.test.yml")).toContain("SUCCESS");
  });

  it("asks, in every rule and panel, only for series a running server exports", async () => {
    const t = await startTestServer();
    try {
      // Every series the server declares (a labelled counter has no sample until counted).
      const text = await (await fetch(`${t.url}/metrics`)).text();
      const exported = new Set<string>();
      for (const [, name, type] of text.matchAll(/^# TYPE (\w+) (\w+)$/gm)) {
        exported.add(name!);
        if (type === "histogram")
          for (const part of ["_bucket", "_sum", "_count"]) exported.add(name + part);
      }
      const queries = [
        ...rules.map((rule) => rule.expr),
        ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)),
      ];
      for (const query of queries) {
        const names = metricsIn(query);
        expect(names.length, query).toBeGreaterThan(0);
        for (const name of names.filter((n) => n !== "up")) {
          expect(exported.has(name), `${name} (in ${query})`).toBe(true);
        }
      }
    } finally {
      await t.close();
    }
  });

  it("counts the TURN errors pages report, by kind, and drops junk", async () => {
    const t = await startTestServer();
    try {
      const client = await t.connect();
      const raw = client as unknown as { emit: (event: string, ...args: unknown[]) => void };
      for (const code of [401, 401, 701, 500, "401", -1, 1e9, { code: 401 }, null]) {
        raw.emit("iceError", code);
      }
      await client.emitWithAck("clock"); // after the reports, in order
      const text = await (await fetch(`${t.url}/metrics`)).text();
      const series = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
      expect(series(/^nicepiano_turn_errors_total\{kind="unauthorized"\} (\d+)$/m)).toBe(2);
      expect(series(/^nicepiano_turn_errors_total\{kind="unreachable"\} (\d+)$/m)).toBe(1);
      expect(series(/^nicepiano_turn_errors_total\{kind="other"\} (\d+)$/m)).toBe(1);
      expect(series(/^nicepiano_dropped_events_total\{event="iceError"\} (\d+)$/m)).toBe(5);
    } finally {
      await t.close();
    }
  });

  describe("a real Prometheus and two instances", () => {
    let instances: TestServer[] = [];
    let prometheus: PrometheusProcess | undefined;
    afterAll(async () => {
      await prometheus?.stop();
      await Promise.all(instances.map((instance) => instance.close()));
    });

    it("scrapes both, and alerts NicePianoInstanceDown for the one stopped, only", async () => {
      instances = await Promise.all([startTestServer(), startTestServer()]);
      const targets = instances.map((instance) => new URL(instance.url).host);
      // The shipped rules, with their `for` shortened so the test does not wait a minute.
      const fastRules = rulesText.replace(/for: \d+m/g, "for: 2s");
      prometheus = await startPrometheus(
        [
          "global: { scrape_interval: 1s, evaluation_interval: 1s }",
          "rule_files: [alerts.yml]",
          "scrape_configs:",
          "  - job_name: nicepiano",
          `    static_configs: [{ targets: ${JSON.stringify(targets)} }]`,
        ].join("\n"),
        { "alerts.yml": fastRules },
      );
      const health = async () =>
        (
          await prometheus!.api<{
            activeTargets: { labels: { instance: string }; health: string }[];
          }>("targets")
        ).activeTargets.map((target) => `${target.labels.instance} ${target.health}`);
      await expect
        .poll(health, { timeout: 15_000, interval: 500 })
        .toEqual(expect.arrayContaining(targets.map((target) => `${target} up`)));

      await instances[1]!.close();
      const firing = async () =>
        (
          await prometheus!.api<{
            alerts: { labels: { alertname: string; instance: string }; state: string }[];
          }>("alerts")
        ).alerts
          .filter((alert) => alert.state === "firing")
          .map((alert) => `${alert.labels.alertname} ${alert.labels.instance}`);
      await expect
        .poll(firing, { timeout: 20_000, interval: 500 })
        .toEqual([`NicePianoInstanceDown ${targets[1]}`]);
      instances = [instances[0]!];
    }, 60_000);
  });
});
