/**
 * The level of our own microphone (0..1, RMS of the samples) through a Web Audio analyser: we never
 * receive our own RTP, so this is how our ring lights up.
 */
export class MicrophoneLevel {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly samples: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    this.context = new AudioContext();
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.samples = new Float32Array(this.analyser.fftSize);
    this.context.createMediaStreamSource(stream).connect(this.analyser);
    // Created from a click, the context may still start suspended in some browsers.
    void this.context.resume().catch(() => {});
  }

  level(): number {
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const s of this.samples) sum += s * s;
    return Math.sqrt(sum / this.samples.length);
  }

  close(): void {
    void this.context.close().catch(() => {});
  }
}
