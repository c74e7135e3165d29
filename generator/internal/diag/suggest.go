package diag

// Suggest returns the candidate closest to got when one is clearly closest:
// within a small edit distance (a third of the word, at least one edit) and
// strictly closer than every other candidate. Comparison ignores case.
func Suggest(got string, candidates []string) (string, bool) {
	best, bestDist, tie := "", -1, false
	limit := max(1, len([]rune(got))/3)
	for _, c := range candidates {
		d := distance(lower(got), lower(c))
		if d > limit {
			continue
		}
		switch {
		case bestDist < 0 || d < bestDist:
			best, bestDist, tie = c, d, false
		case d == bestDist && c != best:
			tie = true
		}
	}
	if bestDist < 0 || tie {
		return "", false
	}
	return best, true
}

// DidYouMean returns "; did you mean `x`?" when Suggest finds x, or "".
func DidYouMean(got string, candidates []string) string {
	if s, ok := Suggest(got, candidates); ok {
		return "; did you mean `" + s + "`?"
	}
	return ""
}

func lower(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		if r >= 'A' && r <= 'Z' {
			rs[i] = r + 'a' - 'A'
		}
	}
	return rs
}

// distance is the optimal string alignment distance: insertions, deletions,
// substitutions and transpositions of adjacent characters each cost one.
func distance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
