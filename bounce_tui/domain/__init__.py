"""Pure rules of the job-hunt domain: plain values in, plain values out."""
