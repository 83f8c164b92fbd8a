/** An SVG QR code as a data: URL, which the CSP's `img-src data:` allows. */
export async function qrDataUrl(text: string): Promise<string> {
  // Loaded on first use (enrolling two-factor sign-in is rare): qrcode brings a PNG encoder along.
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
