package model

// hashString is 64-bit FNV-1a: stable across runs and platforms, so that the hashed
// features of a trained model mean the same thing wherever it is loaded.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix combines a feature's parts into one hash (a multiply-xorshift step).
func mix(h, v uint64) uint64 {
	h ^= v + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 31
	return h
}

// feat makes a feature from a template number and up to three values. It is never zero.
func feat(template uint64, a uint64) feature {
	h := mix(template*0x94d049bb133111eb, a)
	if h == 0 {
		h = 1
	}
	return h
}

func feat2(template uint64, a, b uint64) feature {
	h := mix(mix(template*0x94d049bb133111eb, a), b)
	if h == 0 {
		h = 1
	}
	return h
}

func feat3(template uint64, a, b, c uint64) feature {
	h := mix(mix(mix(template*0x94d049bb133111eb, a), b), c)
	if h == 0 {
		h = 1
	}
	return h
}
