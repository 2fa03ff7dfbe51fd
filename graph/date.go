package graph

import (
	"fmt"
	"strconv"
	"strings"
)

// Date is a publication date with optional month and day. The zero Date means "undated".
// For curated works it is the date of arXiv v1; imported works carry what their source gives.
type Date struct {
	Year  uint16
	Month uint8 // 1..12, or 0 when unknown
	Day   uint8 // 1..31, or 0 when unknown
}

// IsZero reports whether d is undated.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats d as YYYY, YYYY-MM or YYYY-MM-DD, or "" when undated.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Compare orders dates chronologically; a missing month or day sorts first within its year or
// month. It returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	a := int(d.Year)<<16 | int(d.Month)<<8 | int(d.Day)
	b := int(e.Year)<<16 | int(e.Month)<<8 | int(e.Day)
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// MonthIndex is year*12 + month-1, a month counter for time metrics. An unknown month counts
// as January. It returns -1 for an undated work.
func (d Date) MonthIndex() int {
	if d.Year == 0 {
		return -1
	}
	m := int(d.Month)
	if m == 0 {
		m = 1
	}
	return int(d.Year)*12 + m - 1
}

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD. It checks ranges (month 1..12, day valid for
// the month) but not the year's plausibility, which callers judge.
func ParseDate(s string) (Date, error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || parts[0] == "" {
		return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var nums [3]int
	for i, p := range parts {
		if len(p) == 0 || len(p) > 4 || (i > 0 && len(p) != 2) || (i == 0 && len(p) != 4) {
			return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i] = n
	}
	d := Date{Year: uint16(nums[0])}
	if d.Year == 0 {
		return Date{}, fmt.Errorf("date %q has year 0", s)
	}
	if len(parts) > 1 {
		if nums[1] < 1 || nums[1] > 12 {
			return Date{}, fmt.Errorf("date %q: month %d is outside 1..12", s, nums[1])
		}
		d.Month = uint8(nums[1])
	}
	if len(parts) > 2 {
		if nums[2] < 1 || nums[2] > DaysIn(int(d.Year), int(d.Month)) {
			return Date{}, fmt.Errorf("date %q: day %d does not exist in that month", s, nums[2])
		}
		d.Day = uint8(nums[2])
	}
	return d, nil
}

// DaysIn returns the number of days in month m (1..12) of year y in the Gregorian calendar.
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// EndOf returns the last day of the period d names: the end of the year for YYYY, of the
// month for YYYY-MM, d itself for a full date. It is how --as-of cuts: a work dated inside
// the period is kept.
func (d Date) EndOf() Date {
	e := d
	if e.Month == 0 {
		e.Month = 12
	}
	if e.Day == 0 {
		e.Day = uint8(DaysIn(int(e.Year), int(e.Month)))
	}
	return e
}
