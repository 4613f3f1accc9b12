import { connect } from "node:net";

export interface HeadAnswer {
  /** The answer as far as it came: status line, headers and body. */
  answer: string;
  /** Whether the server closed the connection before `waitMs` was up. */
  closed: boolean;
}

/**
 * Sends a request's head (method, path, headers) and none of the body it announces, then
 * waits up to `waitMs`: whether the server answers and hangs up without reading the body.
 */
export function headWithoutBody(base: string, head: string, waitMs = 3_000): Promise<HeadAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = connect(Number(port), hostname, () => {
      socket.write(`${head.trim().split("\n").join("\r\n")}\r\nhost: ${hostname}\r\n\r\n`);
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closed: false });
    }, waitMs);
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ answer, closed: true });
    });
    socket.on("error", reject);
  });
}
