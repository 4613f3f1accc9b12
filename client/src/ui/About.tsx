/** Where NicePiano and its piano come from: the credit the samples' license asks for. */
export function About() {
  return (
    <details class="about">
      <summary>About NicePiano</summary>
      <p>
        NicePiano: one piano, played together over the internet. Free software under the MIT
        License.
      </p>
      <p>
        Piano: the{" "}
        <a href="https://archive.org/details/SalamanderGrandPianoV3" rel="noopener noreferrer">
          Salamander Grand Piano V3
        </a>{" "}
        by Alexander Holm, under{" "}
        <a href="https://creativecommons.org/licenses/by/3.0/" rel="noopener noreferrer">
          CC BY 3.0
        </a>{" "}
        (samples as packaged by @audio-samples).
      </p>
    </details>
  );
}
