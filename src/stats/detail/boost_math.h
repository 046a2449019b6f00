// The one door to Boost.Math: fixes the error policy so that every domain, pole, overflow or
// evaluation error returns NaN (errno style) instead of throwing; callers map NaN to "missing".
// Include only from .cpp files of src/stats (Boost.Math costs seconds of compile time per file).
#pragma once

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/hypergeometric.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>

namespace manyi::stats::detail {

namespace bmp = boost::math::policies;

/// Error policy of every Boost.Math call in Manyi: errors give NaN (never an exception).
using BoostPolicy = bmp::policy<bmp::domain_error<bmp::errno_on_error>, bmp::pole_error<bmp::errno_on_error>,
                                bmp::overflow_error<bmp::errno_on_error>, bmp::evaluation_error<bmp::errno_on_error>,
                                bmp::rounding_error<bmp::errno_on_error>, bmp::promote_double<false>>;

using StudentT = boost::math::students_t_distribution<double, BoostPolicy>;
using ChiSquared = boost::math::chi_squared_distribution<double, BoostPolicy>;
using FisherF = boost::math::fisher_f_distribution<double, BoostPolicy>;
using Normal = boost::math::normal_distribution<double, BoostPolicy>;
using Hypergeometric = boost::math::hypergeometric_distribution<double, BoostPolicy>;

}  // namespace manyi::stats::detail
