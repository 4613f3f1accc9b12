import { describe, expect, it } from "vitest";
import { chatParts } from "./chatText";

describe("chatParts", () => {
  it("keeps markup as text", () => {
    const text = `<img src=x onerror="alert(1)"> <b>hi</b>`;
    expect(chatParts(text)).toEqual([{ text }]);
  });

  it("links http and https addresses only, without the sentence's full stop", () => {
    expect(chatParts("score: https://example.org/a?b=1. Or javascript:alert(1)")).toEqual([
      { text: "score: " },
      { text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { text: ". Or javascript:alert(1)" },
    ]);
    expect(chatParts("http://x.test")).toEqual([{ text: "http://x.test", href: "http://x.test/" }]);
  });

  it("leaves what only looks like an address as text", () => {
    expect(chatParts("data:text/html,<script>1</script> ftp://x.test")).toEqual([
      { text: "data:text/html,<script>1</script> ftp://x.test" },
    ]);
  });
});
