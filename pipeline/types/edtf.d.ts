// The edtf package ships no type declarations; this covers what the pipeline uses.
declare module 'edtf' {
  interface EdtfValue {
    /** Earliest instant the value allows, epoch milliseconds. */
    min: number;
    /** Latest instant the value allows, epoch milliseconds. */
    max: number;
    type: string;
    edtf: string;
  }
  export default function edtf(input: string): EdtfValue;
}
